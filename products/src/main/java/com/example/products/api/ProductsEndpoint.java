package com.example.products.api;

import com.example.products.api.generated.ProductsService;
import com.example.products.catalog.ProductCatalog;
import com.example.support.ProblemException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/1.0/products}: the product catalogue.
 */
public final class ProductsEndpoint extends ProductsService {

    /** Where the endpoint is mounted. */
    public static final String PATH = "/api/1.0/products";

    private final ProductCatalog catalog;

    /**
     * Creates the endpoint.
     *
     * @param catalog the catalogue
     */
    public ProductsEndpoint(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    protected void handleListProducts(ServerRequest request, ServerResponse response) {
        response.send(ProductMapper.toApi(catalog.all()));
    }

    @Override
    protected void handleGetProduct(ServerRequest request, ServerResponse response, String productId) {
        var product =
                catalog.find(productId).orElseThrow(() -> ProblemException.notFound("No product with id " + productId));
        response.send(ProductMapper.toApi(product));
    }
}
