package com.example.products.catalog;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable catalogue in memory, with the sample products of a fresh deployment.
 */
public final class InMemoryProductCatalog implements ProductCatalog {

    private final Map<String, Product> byId;

    /**
     * Creates a catalogue of the given products.
     *
     * @param products the products; ids must be unique
     */
    public InMemoryProductCatalog(List<Product> products) {
        this.byId = products.stream().collect(Collectors.toUnmodifiableMap(Product::id, Function.identity()));
    }

    /**
     * The sample catalogue.
     *
     * @return a catalogue of three coffee products
     */
    public static InMemoryProductCatalog sample() {
        Currency eur = Currency.getInstance("EUR");
        return new InMemoryProductCatalog(List.of(
                new Product(
                        "prod_espresso",
                        "Espresso beans 1 kg",
                        Optional.of("Dark roast, whole beans"),
                        new BigDecimal("24.90"),
                        eur),
                new Product(
                        "prod_grinder",
                        "Burr grinder",
                        Optional.of("Conical burrs, 40 settings"),
                        new BigDecimal("129.00"),
                        eur),
                new Product("prod_filter", "Paper filters", Optional.empty(), new BigDecimal("4.50"), eur)));
    }

    @Override
    public List<Product> all() {
        return byId.values().stream().sorted(Comparator.comparing(Product::id)).toList();
    }

    @Override
    public Optional<Product> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
