/**
 * The public HTTP API of products: hand-written endpoints extending the server stubs generated from
 * {@code api-specs/products.yaml}, and the mappers between the generated models and the ports' types.
 */
package com.example.products.api;
