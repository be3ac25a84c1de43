package com.example.payments.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.payments.domain.IdempotencyConflict;
import com.example.payments.domain.LedgerUnavailable;
import com.example.payments.domain.NewPayment;
import com.example.payments.domain.Payment;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentPage;
import com.example.payments.domain.PaymentQuery;
import com.example.payments.domain.PaymentStatus;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the ledger does on PostgreSQL, each test from an empty ledger, plus what only a shared database
 * shows: several instances (each with its own pool) seeding together, a pool that runs dry, and one
 * key from many callers at once (the database decides, whichever instance a caller reaches).
 */
class PostgresPaymentLedgerIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);

    /** The sample payments' ids, newest first: each sample is 90 minutes younger than the one before. */
    private static final List<String> SAMPLE_IDS_NEWEST_FIRST = IntStream.iterate(SampleData.COUNT, i -> i - 1)
            .limit(SampleData.COUNT)
            .mapToObj("pay_sample_%02d"::formatted)
            .toList();

    private static DatabaseSettings settings;
    private static LedgerDatabase instance1;
    private static LedgerDatabase instance2;

    @BeforeAll
    static void openDatabase() {
        settings = TestDatabases.fresh();
        instance1 = LedgerDatabase.open(settings);
        instance2 = LedgerDatabase.open(settings);
    }

    @AfterAll
    static void closeDatabase() {
        instance1.close();
        instance2.close();
    }

    private PaymentLedger ledger;

    @BeforeEach
    void startEmpty() {
        ledger = emptyLedger(CLOCK);
    }

    /** An empty ledger whose new payments are stamped by the clock. */
    private static PaymentLedger emptyLedger(Clock clock) {
        TestDatabases.sql(settings, "TRUNCATE payment");
        return new PostgresPaymentLedger(instance1.dataSource(), clock);
    }

    @Test
    void pagesThroughEveryPaymentExactlyOnce() {
        SampleData.seed(ledger);
        List<String> seen = idsOfEveryPage(7);

        assertThat(seen, is(SAMPLE_IDS_NEWEST_FIRST));
    }

    @Test
    void lastPageHasNoCursor() {
        SampleData.seed(ledger);

        assertThat(ledger.list(query(Optional.empty(), SampleData.COUNT)).next(), is(Optional.empty()));
        assertThat(
                ledger.list(query(Optional.empty(), SampleData.COUNT - 1))
                        .next()
                        .isPresent(),
                is(true));
    }

    @Test
    void filtersByStatusAcrossPages() {
        SampleData.seed(ledger);

        PaymentPage first = ledger.list(query(Optional.of(PaymentStatus.CAPTURED), 2));
        PaymentPage second = ledger.list(new PaymentQuery(Optional.of(PaymentStatus.CAPTURED), 2, first.next()));

        assertThat(first.items().stream().map(Payment::status).toList(), everyItem(is(PaymentStatus.CAPTURED)));
        assertThat(second.items().stream().map(Payment::status).toList(), everyItem(is(PaymentStatus.CAPTURED)));
        assertThat(
                second.items()
                        .getFirst()
                        .createdAt()
                        .isBefore(first.items().getLast().createdAt()),
                is(true));
    }

    @Test
    void emptyLedgerListsEmptyPage() {
        PaymentPage page = ledger.list(query(Optional.empty(), 20));

        assertThat(page.items(), hasSize(0));
        assertThat(page.next(), is(Optional.empty()));
    }

    @Test
    void createsPendingPaymentStampedByClock() {
        PaymentLedger.Creation creation = ledger.create("key-1", NewPayment.validate("5.00", "EUR", "tea"));

        assertThat(creation.replayed(), is(false));
        assertThat(creation.payment().status(), is(PaymentStatus.PENDING));
        assertThat(creation.payment().createdAt(), is(CLOCK.instant()));
        assertThat(ledger.find(creation.payment().id()), is(Optional.of(creation.payment())));
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {"6.00, EUR, null", "5.00, USD, null", "5.00, EUR, tea", "5.00, EUR, ''"})
    void refusesSameKeyWithDifferentRequestAndCreatesNothing(String amount, String currency, String description) {
        ledger.create("key-1", NewPayment.validate("5.00", "EUR", null));

        IdempotencyConflict e = assertThrows(
                IdempotencyConflict.class,
                () -> ledger.create("key-1", NewPayment.validate(amount, currency, description)));

        assertThat(e.idempotencyKey(), is("key-1"));
        assertThat(ledger.list(query(Optional.empty(), 100)).items(), hasSize(1));
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOnePaymentAndReplayItToAllButOne() throws Exception {
        NewPayment request = NewPayment.validate("7.00", "GBP", null);
        int callers = 32;
        Callable<PaymentLedger.Creation> retry = () -> ledger.create("same-key", request);

        List<PaymentLedger.Creation> creations = AtOnce.run(8, Collections.nCopies(callers, retry));

        Set<Payment> payments = new HashSet<>();
        creations.forEach(creation -> payments.add(creation.payment()));
        assertThat(payments, hasSize(1));
        assertThat(creations.stream().filter(c -> !c.replayed()).count(), is(1L));
        assertThat(creations.stream().filter(PaymentLedger.Creation::replayed).count(), is((long) callers - 1));
        assertThat(ledger.list(query(Optional.empty(), 100)).items(), hasSize(1));
    }

    @Test
    void keepsAmountsExactly() {
        Payment largest = ledger.create("key-big", NewPayment.validate("999999999999.99", "JPY", null))
                .payment();
        Payment smallest = ledger.create("key-small", NewPayment.validate("0.01", "EUR", null))
                .payment();

        assertThat(ledger.find(largest.id()).orElseThrow().amount(), is(new BigDecimal("999999999999.99")));
        assertThat(ledger.find(smallest.id()).orElseThrow().amount(), is(new BigDecimal("0.01")));
    }

    @Test
    void breaksTiesOfCreationTimeByIdAcrossPages() {
        Instant sameTime = Instant.parse("2026-03-01T12:00:00Z");
        for (String id : List.of("pay_a", "pay_B", "pay_b", "pay_c", "pay_Z", "pay_0")) {
            ledger.store(payment(id, PaymentStatus.PENDING, sameTime));
        }
        List<String> seen = idsOfEveryPage(2);

        // Newest first, then by id descending in code-point order, whatever the database's collation.
        assertThat(seen, is(List.of("pay_c", "pay_b", "pay_a", "pay_Z", "pay_B", "pay_0")));
    }

    @Test
    void storeReplacesPaymentWithSameId() {
        ledger.store(payment("pay_1", PaymentStatus.PENDING, CLOCK.instant()));

        ledger.store(payment("pay_1", PaymentStatus.CAPTURED, CLOCK.instant()));

        assertThat(ledger.list(query(Optional.empty(), 100)).items(), hasSize(1));
        assertThat(ledger.find("pay_1").orElseThrow().status(), is(PaymentStatus.CAPTURED));
    }

    private static Payment payment(String id, PaymentStatus status, Instant createdAt) {
        return new Payment(
                id, new BigDecimal("1.00"), Currency.getInstance("EUR"), status, Optional.empty(), createdAt);
    }

    @Test
    void twoInstancesSeedingAtOnceStoreEachSamplePaymentOnce() throws Exception {
        List<PaymentLedger> instances =
                List.of(emptyLedger(CLOCK), new PostgresPaymentLedger(instance2.dataSource(), Clock.systemUTC()));

        AtOnce.run(
                instances.size(),
                instances.stream()
                        .map(ledger -> (Callable<Object>) () -> {
                            SampleData.seed(ledger);
                            return null;
                        })
                        .toList());

        assertThat(
                instances
                        .get(0)
                        .list(query(Optional.empty(), PaymentQuery.MAX_LIMIT))
                        .items(),
                hasSize(SampleData.COUNT));
    }

    @Test
    void exhaustedPoolIsUnavailableRatherThanWaitingForever() throws Exception {
        DatabaseSettings onePooled = new DatabaseSettings(
                settings.url(),
                settings.user(),
                settings.password(),
                1,
                settings.connectTimeout(),
                settings.statementTimeout());
        try (LedgerDatabase small = LedgerDatabase.open(onePooled);
                Connection held = small.dataSource().getConnection()) {
            PaymentLedger ledger = new PostgresPaymentLedger(small.dataSource(), Clock.systemUTC());

            assertThrows(LedgerUnavailable.class, () -> ledger.find("pay_any"));
            assertThat(held.isValid(1), is(true));
        }
    }

    @Test
    void brokenSchemaIsADefectNotUnavailability() {
        PaymentLedger ledger = emptyLedger(CLOCK);
        TestDatabases.sql(settings, "ALTER TABLE payment RENAME TO payment_elsewhere");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ledger.find("pay_any"));

            assertThat(e.getMessage().contains("42P01"), is(true));
        } finally {
            TestDatabases.sql(settings, "ALTER TABLE payment_elsewhere RENAME TO payment");
        }
    }

    private static PaymentQuery query(Optional<PaymentStatus> status, int limit) {
        return new PaymentQuery(status, limit, Optional.empty());
    }

    /** Every page of the unfiltered list, this many a page, each page's cursor followed to the end. */
    private List<String> idsOfEveryPage(int limit) {
        List<String> seen = new ArrayList<>();
        PaymentPage page = ledger.list(query(Optional.empty(), limit));
        seen.addAll(ids(page));
        while (page.next().isPresent()) {
            page = ledger.list(new PaymentQuery(Optional.empty(), limit, page.next()));
            seen.addAll(ids(page));
        }
        return seen;
    }

    private static List<String> ids(PaymentPage page) {
        return page.items().stream().map(Payment::id).toList();
    }
}
