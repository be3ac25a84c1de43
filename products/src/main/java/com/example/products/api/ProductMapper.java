package com.example.products.api;

import com.example.products.api.model.Product;
import com.example.products.api.model.ProductList;
import java.util.List;

/**
 * Maps catalogue products to the generated API models, through their setters (never their all-args
 * constructors, so that a property added to the spec compiles).
 */
final class ProductMapper {

    private ProductMapper() {}

    static Product toApi(com.example.products.catalog.Product product) {
        Product api = new Product();
        api.setId(product.id());
        api.setName(product.name());
        api.setDescription(product.description().orElse(null));
        api.setPrice(product.price().toPlainString());
        api.setCurrency(product.currency().getCurrencyCode());
        return api;
    }

    static ProductList toApi(List<com.example.products.catalog.Product> products) {
        ProductList api = new ProductList();
        api.setItems(products.stream().map(ProductMapper::toApi).toList());
        return api;
    }
}
