/**
 * The products service's own data: the product catalogue and its port.
 */
package com.example.products.catalog;
