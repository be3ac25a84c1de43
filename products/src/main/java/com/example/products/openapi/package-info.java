/**
 * The OpenAPI document products serves, read once at start-up: the filters that take their rules
 * from the spec (who may call what, what is deprecated) walk its operations here.
 */
package com.example.products.openapi;
