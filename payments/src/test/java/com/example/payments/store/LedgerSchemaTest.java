package com.example.payments.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LedgerSchemaTest {

    /** Whole-number versions only: the start-up check compares them as numbers. */
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__\\w+\\.sql");

    @Test
    void needsTheVersionOfTheNewestMigration() throws IOException, URISyntaxException {
        Path migrations = Path.of(Objects.requireNonNull(LedgerSchema.class.getResource("/db/migration"))
                .toURI());
        List<String> names;
        try (Stream<Path> files = Files.list(migrations)) {
            names = files.map(file -> file.getFileName().toString()).toList();
        }

        int newest = 0;
        for (String name : names) {
            Matcher version = MIGRATION.matcher(name);
            assertThat(name + " is named V<whole number>__<description>.sql", version.matches(), is(true));
            newest = Math.max(newest, Integer.parseInt(version.group(1)));
        }

        assertThat(LedgerSchema.VERSION, is(newest));
    }
}
