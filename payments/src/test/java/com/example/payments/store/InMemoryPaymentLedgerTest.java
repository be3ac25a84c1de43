package com.example.payments.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.payments.domain.NewPayment;
import com.example.payments.domain.Payment;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentPage;
import com.example.payments.domain.PaymentQuery;
import com.example.payments.domain.PaymentStatus;
import com.example.support.ProblemException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryPaymentLedgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);

    private final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger(CLOCK);

    @Test
    void listsNewestFirst() {
        SampleData.seed(ledger);

        List<Payment> items = ledger.list(query(Optional.empty(), 100)).items();

        assertThat(items, hasSize(SampleData.COUNT));
        assertThat(items, is(items.stream().sorted(Payment.NEWEST_FIRST).toList()));
        assertThat(items.getFirst().id(), is("pay_sample_25"));
    }

    @Test
    void pagesThroughEveryPaymentExactlyOnce() {
        SampleData.seed(ledger);
        List<String> seen = new ArrayList<>();

        PaymentPage page = ledger.list(query(Optional.empty(), 7));
        seen.addAll(ids(page));
        while (page.next().isPresent()) {
            page = ledger.list(new PaymentQuery(Optional.empty(), 7, page.next()));
            seen.addAll(ids(page));
        }

        assertThat(seen, hasSize(SampleData.COUNT));
        assertThat(new HashSet<>(seen), hasSize(SampleData.COUNT));
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

    @Test
    void replaysSameKeyAndRequest() {
        Payment first =
                ledger.create("key-1", NewPayment.validate("5.00", "EUR", null)).payment();

        PaymentLedger.Creation again = ledger.create("key-1", NewPayment.validate("5.00", "EUR", null));

        assertThat(again.replayed(), is(true));
        assertThat(again.payment(), is(first));
        assertThat(ledger.list(query(Optional.empty(), 100)).items(), hasSize(1));
    }

    @Test
    void rejectsSameKeyWithDifferentRequestWith422() {
        ledger.create("key-1", NewPayment.validate("5.00", "EUR", null));

        ProblemException e = assertThrows(
                ProblemException.class, () -> ledger.create("key-1", NewPayment.validate("6.00", "EUR", null)));

        assertThat(e.problem().status(), is(422));
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOnePayment() throws Exception {
        NewPayment request = NewPayment.validate("7.00", "GBP", null);
        List<Callable<Payment>> retries = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            retries.add(() -> ledger.create("same-key", request).payment());
        }

        Set<String> ids = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Payment> result : pool.invokeAll(retries)) {
                ids.add(result.get().id());
            }
        }

        assertThat(ids, hasSize(1));
        assertThat(ledger.list(query(Optional.empty(), 100)).items(), hasSize(1));
    }

    @Test
    void storeReplacesPaymentWithSameId() {
        Payment payment = new Payment(
                "pay_1",
                new BigDecimal("1.00"),
                java.util.Currency.getInstance("EUR"),
                PaymentStatus.PENDING,
                Optional.empty(),
                CLOCK.instant());
        ledger.store(payment);

        ledger.store(new Payment(
                "pay_1",
                payment.amount(),
                payment.currency(),
                PaymentStatus.CAPTURED,
                Optional.empty(),
                payment.createdAt()));

        assertThat(ledger.list(query(Optional.empty(), 100)).items(), hasSize(1));
        assertThat(ledger.find("pay_1").orElseThrow().status(), is(PaymentStatus.CAPTURED));
    }

    private static PaymentQuery query(Optional<PaymentStatus> status, int limit) {
        return new PaymentQuery(status, limit, Optional.empty());
    }

    private static List<String> ids(PaymentPage page) {
        return page.items().stream().map(Payment::id).toList();
    }
}
