/**
 * Deprecation signals read from {@code products.yaml}: the {@code Deprecation} (RFC 9745),
 * {@code Sunset} (RFC 8594) and {@code Link} headers on the responses that use a deprecated part of
 * the API, and a count of such calls per client.
 */
package com.example.products.deprecation;
