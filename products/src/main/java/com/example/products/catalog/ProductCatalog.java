package com.example.products.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The product catalogue: the port a database adapter implements in place of the in-memory one.
 */
public interface ProductCatalog {

    /**
     * Every product, by id.
     *
     * @return the products
     */
    List<Product> all();

    /**
     * Finds one product.
     *
     * @param id the product id
     * @return the product, or empty when there is none with this id
     */
    Optional<Product> find(String id);
}
