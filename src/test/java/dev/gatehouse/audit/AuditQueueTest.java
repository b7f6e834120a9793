package dev.gatehouse.audit;

import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request path's audit sink: entries submitted from many threads land in the chain in order, in
 * batches; a database outage delays them but loses none; a full queue drops loudly, counts the drop
 * and records the gap in the chain itself; closing writes what is queued.
 */
class AuditQueueTest {
    @TempDir
    Path dir;

    private AuditLog log(Database db) {
        return new AuditLog(db, AuditKey.loadOrCreate(dir.resolve("audit.key")), 50, Clock.systemUTC());
    }

    private VerifyResult verify(Database db) {
        return new AuditVerifier(db, AuditKey.publicOnly(dir.resolve("audit.key.pub"))).verify();
    }

    private static AuditEntry denial(int i) {
        return AuditEntry.of(AuditCategory.POLICY_DENIAL, "key_a", "policy.provider_region", "req_" + i);
    }

    private static List<String> subjects(Database db) {
        return AuditLog.tail(db, 100_000).stream().map(r -> r.entry().subject()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_append_every_entry_in_submission_order_in_batches_and_verify(Supplier<Database> store) {
        try (Database db = store.get()) {
            AuditLog log = log(db);
            List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
            try (AuditQueue queue = new AuditQueue(batch -> {
                batchSizes.add(batch.size());
                log.appendAll(batch);
            }, 10_000, 64, Duration.ofSeconds(10), Clock.systemUTC())) {
                for (int i = 0; i < 1_000; i++) queue.submit(denial(i));
                assertThat(queue.flush(Duration.ofSeconds(30))).isTrue();
                assertThat(queue.stats()).isEqualTo(new AuditQueue.Stats(1_000, 1_000, 0, 0));
            }
            assertThat(subjects(db)).containsExactlyElementsOf(IntStream.range(0, 1_000).mapToObj(i -> "req_" + i).toList());
            assertThat(batchSizes).allMatch(n -> n <= 64);
            assertThat(batchSizes.size()).as("batched, not one transaction per entry").isLessThan(1_000);
            assertThat(verify(db)).isEqualTo(new VerifyResult.Ok(1_000, 20)); // a checkpoint every 50th entry, as with single appends
        }
    }

    @Test
    void should_keep_entries_in_order_through_a_database_outage_and_write_them_when_it_is_back() throws Exception {
        try (Database db = dev.gatehouse.store.StoreFixtures.h2()) {
            AuditLog log = log(db);
            AtomicBoolean down = new AtomicBoolean(true);
            CountDownLatch failed = new CountDownLatch(3);
            try (AuditQueue queue = new AuditQueue(batch -> {
                if (down.get()) {
                    failed.countDown();
                    throw new StoreException(new SQLException("Connection refused"));
                }
                log.appendAll(batch);
            }, 1_000, 16, Duration.ofSeconds(10), Clock.systemUTC())) {
                for (int i = 0; i < 100; i++) queue.submit(denial(i));
                assertThat(failed.await(10, TimeUnit.SECONDS)).as("the worker keeps retrying").isTrue();
                assertThat(AuditLog.tail(db, 10)).isEmpty();
                assertThat(queue.stats().dropped()).isZero();

                down.set(false);
                assertThat(queue.flush(Duration.ofSeconds(30))).isTrue();
                assertThat(queue.stats()).isEqualTo(new AuditQueue.Stats(100, 100, 0, 0));
            }
            assertThat(subjects(db)).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "req_" + i).toList());
            assertThat(verify(db)).isInstanceOf(VerifyResult.Ok.class);
        }
    }

    @Test
    void should_keep_writing_after_the_store_fails_with_an_error_rather_than_an_exception() throws Exception {
        try (Database db = dev.gatehouse.store.StoreFixtures.h2()) {
            AuditLog log = log(db);
            AtomicInteger failures = new AtomicInteger();
            try (AuditQueue queue = new AuditQueue(batch -> {
                if (failures.getAndIncrement() < 2) throw new AssertionError("chunk 42 is missing"); // as H2's MVStore can
                log.appendAll(batch);
            }, 1_000, 16, Duration.ofSeconds(10), Clock.systemUTC())) {
                for (int i = 0; i < 40; i++) queue.submit(denial(i));
                assertThat(queue.flush(Duration.ofSeconds(30))).as("the writer survived the errors").isTrue();
                assertThat(queue.stats()).isEqualTo(new AuditQueue.Stats(40, 40, 0, 0));
            }
            assertThat(failures.get()).isGreaterThan(2);
            assertThat(subjects(db)).containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> "req_" + i).toList());
            assertThat(verify(db)).isInstanceOf(VerifyResult.Ok.class);
        }
    }

    @Test
    void should_drop_count_and_record_in_the_chain_what_a_full_queue_could_not_take() throws Exception {
        try (Database db = dev.gatehouse.store.StoreFixtures.h2()) {
            AuditLog log = log(db);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch writing = new CountDownLatch(1);
            try (AuditQueue queue = new AuditQueue(batch -> {
                writing.countDown();
                try {
                    release.await(); // the database hangs
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                log.appendAll(batch);
            }, 10, 1, Duration.ofSeconds(10), Clock.systemUTC())) {
                queue.submit(denial(0));
                assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue(); // entry 0 is with the writer, the queue is empty
                for (int i = 1; i <= 15; i++) queue.submit(denial(i)); // 10 fit, 5 do not
                queue.submit(AuditEntry.of(AuditCategory.REQUEST_DECISION, "key_a", "allow", "req_x"));

                assertThat(queue.stats()).isEqualTo(new AuditQueue.Stats(11, 0, 6, 10));

                release.countDown();
                assertThat(queue.flush(Duration.ofSeconds(30))).isTrue();
            }
            List<AuditRecord> rows = AuditLog.tail(db, 100);
            List<AuditRecord> gaps = rows.stream().filter(r -> r.entry().action().equals("audit.entries_lost")).toList();
            assertThat(gaps).extracting(r -> r.entry().category()).containsExactly(AuditCategory.POLICY_DENIAL, AuditCategory.REQUEST_DECISION);
            assertThat(gaps.getFirst().entry().actor()).isEqualTo("system:audit-queue");
            assertThat(gaps.getFirst().entry().afterJson()).startsWith("{\"count\":5,\"first_lost_at\":");
            assertThat(gaps.get(1).entry().afterJson()).startsWith("{\"count\":1,");
            assertThat(rows.stream().filter(r -> r.entry().subject() != null).map(r -> r.entry().subject()).toList())
                    .as("what was accepted, in order").containsExactlyElementsOf(IntStream.rangeClosed(0, 10).mapToObj(i -> "req_" + i).toList());
            assertThat(verify(db)).isInstanceOf(VerifyResult.Ok.class);
        }
    }

    @Test
    void should_write_what_is_queued_on_close_and_refuse_entries_after_it() throws Exception {
        try (Database db = dev.gatehouse.store.StoreFixtures.h2()) {
            AuditQueue queue = new AuditQueue(log(db));
            for (int i = 0; i < 500; i++) queue.submit(denial(i));
            queue.close();

            assertThat(AuditLog.tail(db, 1_000)).hasSize(500);
            queue.submit(denial(500));
            assertThat(queue.stats()).isEqualTo(new AuditQueue.Stats(500, 500, 1, 0));
        }
    }

    @Test
    void should_hand_what_it_cannot_write_by_its_close_timeout_to_the_application_log() {
        AuditQueue queue = new AuditQueue(batch -> { throw new StoreException(new SQLException("Connection refused")); },
                100, 10, Duration.ofMillis(300), Clock.systemUTC());
        for (int i = 0; i < 25; i++) queue.submit(denial(i));
        long start = System.nanoTime();
        queue.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(queue.stats()).isEqualTo(new AuditQueue.Stats(25, 0, 25, 0));
        assertThat(queue.flush(Duration.ZERO)).as("every accepted entry is settled: written or handed on").isTrue();
    }
}
