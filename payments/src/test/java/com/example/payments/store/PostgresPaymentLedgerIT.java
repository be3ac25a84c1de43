package com.example.payments.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.payments.domain.LedgerUnavailable;
import com.example.payments.domain.NewPayment;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentQuery;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract on PostgreSQL, plus what only a shared database shows: several instances (each
 * with its own pool) deciding idempotency together, seeding together, and a pool that runs dry.
 */
class PostgresPaymentLedgerIT extends PaymentLedgerContract {

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

    @Override
    PaymentLedger emptyLedger(Clock clock) {
        TestDatabases.execute(settings, "TRUNCATE payment");
        return new PostgresPaymentLedger(instance1.dataSource(), clock);
    }

    @Test
    void oneKeyOnTwoInstancesAtOnceCreatesOnePayment() throws Exception {
        List<PaymentLedger> instances =
                List.of(emptyLedger(CLOCK), new PostgresPaymentLedger(instance2.dataSource(), Clock.systemUTC()));
        NewPayment request = NewPayment.validate("12.34", "EUR", "one order");
        int callers = 32;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<PaymentLedger.Creation>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            PaymentLedger ledger = instances.get(i % 2);
            calls.add(() -> {
                start.await();
                return ledger.create("shared-key", request);
            });
        }

        List<PaymentLedger.Creation> creations = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<PaymentLedger.Creation>> results =
                    calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<PaymentLedger.Creation> result : results) {
                creations.add(result.get());
            }
        }

        Set<String> ids = new HashSet<>();
        creations.forEach(creation -> ids.add(creation.payment().id()));
        long firsts = creations.stream().filter(c -> !c.replayed()).count();
        System.out.printf(
                "one key, %d concurrent creates on 2 instances: %d payment(s), %d created, %d replayed%n",
                callers, ids.size(), firsts, callers - firsts);
        assertThat(ids, hasSize(1));
        assertThat(firsts, is(1L));
        assertThat(instances.get(1).list(allOnOnePage()).items(), hasSize(1));
    }

    @Test
    void twoInstancesSeedingAtOnceStoreEachSamplePaymentOnce() throws Exception {
        List<PaymentLedger> instances =
                List.of(emptyLedger(CLOCK), new PostgresPaymentLedger(instance2.dataSource(), Clock.systemUTC()));
        CountDownLatch start = new CountDownLatch(1);

        try (ExecutorService pool = Executors.newFixedThreadPool(instances.size())) {
            List<Future<Object>> seeding = instances.stream()
                    .map(ledger -> pool.submit(() -> {
                        start.await();
                        SampleData.seed(ledger);
                        return null;
                    }))
                    .toList();
            start.countDown();
            for (Future<Object> done : seeding) {
                done.get();
            }
        }

        assertThat(instances.get(0).list(allOnOnePage()).items(), hasSize(SampleData.COUNT));
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
        TestDatabases.execute(settings, "ALTER TABLE payment RENAME TO payment_elsewhere");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ledger.find("pay_any"));

            assertThat(e.getMessage().contains("42P01"), is(true));
        } finally {
            TestDatabases.execute(settings, "ALTER TABLE payment_elsewhere RENAME TO payment");
        }
    }

    private static PaymentQuery allOnOnePage() {
        return new PaymentQuery(Optional.empty(), PaymentQuery.MAX_LIMIT, Optional.empty());
    }
}
