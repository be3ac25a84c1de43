package com.example.products.api;

import com.example.products.api.model.Product;
import com.example.products.api.model.ProductList;
import java.util.List;

/**
 * Maps catalogue products to the generated API models.
 */
final class ProductMapper {

    private ProductMapper() {}

    static Product toApi(com.example.products.catalog.Product product) {
        return new Product(
                product.id(),
                product.name(),
                product.description().orElse(null),
                product.price().toPlainString(),
                product.currency().getCurrencyCode());
    }

    static ProductList toApi(List<com.example.products.catalog.Product> products) {
        return new ProductList(products.stream().map(ProductMapper::toApi).toList());
    }
}
