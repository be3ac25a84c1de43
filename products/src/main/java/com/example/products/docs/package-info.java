/**
 * The API reference page: {@code products.yaml} rendered by the Redocly CLI at build time, served
 * at {@code /docs} without a token.
 */
package com.example.products.docs;
