package com.example.payments.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.payments.domain.LedgerUnavailable;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentQuery;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract on PostgreSQL, plus what only a shared database shows: several instances (each
 * with its own pool) seeding together, and a pool that runs dry. One key from many callers at once is
 * the contract's test, here on PostgreSQL; across two instances behind the load balancer, LedgerSystemIT's.
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
