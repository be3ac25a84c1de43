package com.example.products.catalog;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/**
 * A product of the catalogue.
 *
 * @param id          URL-safe id
 * @param name        display name
 * @param description optional text
 * @param price       price with two fraction digits
 * @param currency    ISO 4217 currency of the price
 */
public record Product(String id, String name, Optional<String> description, BigDecimal price, Currency currency) {}
