package com.example.products.deprecation;

import com.example.products.auth.Caller;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a client that it uses a part of the API that is going away, on every response that uses it:
 * {@code Deprecation} (RFC 9745, the earliest date a used part was deprecated), {@code Sunset}
 * (RFC 8594, the earliest date a used part goes away, when the spec gives one) and {@code Link}s to
 * the reference page. Counts each use per part and client id ({@value #CALLS}), so that the owners
 * can see who still calls before the part is removed in the next major version.
 */
public final class DeprecationSignals implements Filter {

    /** The counter of calls that use a deprecated part, tagged {@code part} and {@code client}. */
    public static final String CALLS = "products.deprecated.calls";

    static final HeaderName DEPRECATION = HeaderNames.create("Deprecation");
    static final HeaderName SUNSET = HeaderNames.create("Sunset");
    /** IMF-fixdate (RFC 9110), the form of {@code Sunset}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    private final DeprecatedParts parts;
    private final String docs;
    private final MeterRegistry registry;

    /**
     * Creates the filter.
     *
     * @param parts    what the spec marks deprecated
     * @param docs     the reference page's path, the target of the {@code Link}s
     * @param registry where the counters live
     */
    public DeprecationSignals(DeprecatedParts parts, String docs, MeterRegistry registry) {
        this.parts = parts;
        this.docs = docs;
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        List<DeprecatedParts.Part> used = parts.usedBy(
                req.prologue().method(),
                req.path().path(),
                name -> req.query().contains(name),
                name -> req.headers().contains(HeaderNames.create(name)));
        if (!used.isEmpty()) {
            signal(res, used);
            String client = Caller.of(req).map(Caller::clientId).orElse("-");
            used.forEach(part -> counter(part.label(), client).increment());
        }
        chain.proceed();
    }

    private void signal(RoutingResponse res, List<DeprecatedParts.Part> used) {
        LocalDate deprecatedAt = used.stream()
                .map(DeprecatedParts.Part::deprecatedAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Optional<LocalDate> sunset =
                used.stream().flatMap(part -> part.sunset().stream()).min(Comparator.naturalOrder());
        res.header(DEPRECATION, "@" + deprecatedAt.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        List<String> links = new ArrayList<>();
        links.add("<" + docs + ">; rel=\"deprecation\"; type=\"text/html\"");
        sunset.ifPresent(date -> {
            res.header(SUNSET, HTTP_DATE.format(date.atStartOfDay(ZoneOffset.UTC)));
            links.add("<" + docs + ">; rel=\"sunset\"; type=\"text/html\"");
        });
        res.header(HeaderNames.LINK, String.join(", ", links));
    }

    private Counter counter(String part, String client) {
        return registry.getOrCreate(Counter.builder(CALLS)
                .description(
                        "Calls that use a part of the API marked deprecated in products.yaml, by part and client id")
                .tags(List.of(Tag.create("part", part), Tag.create("client", client))));
    }
}
