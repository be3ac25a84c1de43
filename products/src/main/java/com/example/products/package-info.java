/**
 * The products service: {@link com.example.products.Main} wires the catalogue, the payments
 * gateway, the endpoints and the shared server set-up.
 */
package com.example.products;
