package dev.gatehouse.metering;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {
    private static final Instant T = Instant.parse("2026-03-01T10:15:30.123456Z");

    @TempDir
    Path dir;

    @Test
    void should_read_back_every_record_it_wrote_with_all_fields() throws Exception {
        UsageRecord full = new UsageRecord(T, "req_1", "cus_a", "prj_a", "key_a", "gpt-4o", "openai", "gpt-4o-2024", "eu",
                200, null, 120, 30, 20, true, 123_456, 876_543, "prc_1", 250, 80);
        UsageRecord sparse = new UsageRecord(T.plusSeconds(1), "req_2", null, null, null, null, null, null, null,
                401, "invalid_api_key", 0, 0, 0, false, 0, 0, null, 3, null);
        try (Journal j = Journal.open(dir, 5)) {
            j.append(full).await(5, TimeUnit.SECONDS);
            j.append(sparse).await(5, TimeUnit.SECONDS);
            List<JournalSegment> sealed = j.seal();
            assertThat(sealed).hasSize(1);
            assertThat(sealed.get(0).read()).containsExactly(full, sparse);
        }
    }

    @Test
    void should_read_a_segment_written_before_the_time_became_numeric_and_skip_fields_it_does_not_know() throws Exception {
        // the frame of the previous version, built by hand: the time as ISO-8601 "t", and a field from a newer writer
        String payload = "{\"t\":\"2026-03-01T10:15:30.123456Z\",\"id\":\"req_old\",\"cus\":\"cus_a\",\"status\":200,"
                + "\"in\":12,\"out\":3,\"cached\":0,\"reported\":true,\"usd\":42,\"cny\":0,\"lat\":7,"
                + "\"future\":{\"nested\":[1,2]},\"ttfb\":2}";
        byte[] bytes = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes);
        Path segment = dir.resolve("usage-0000000000000007.journal");
        Files.write(segment, ByteBuffer.allocate(8 + bytes.length).putInt(bytes.length).putInt((int) crc.getValue()).put(bytes).array());

        assertThat(JournalSegment.parse(segment).read()).containsExactly(new UsageRecord(T, "req_old", "cus_a", null, null,
                null, null, null, null, 200, null, 12, 3, 0, true, 42, 0, null, 7, 2));
    }

    @Test
    void should_refuse_a_record_without_its_request_id_rather_than_load_it_half() throws Exception {
        byte[] bytes = "{\"s\":1,\"ns\":0,\"status\":200}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes);
        Path segment = dir.resolve("usage-0000000000000008.journal");
        Files.write(segment, ByteBuffer.allocate(8 + bytes.length).putInt(bytes.length).putInt((int) crc.getValue()).put(bytes).array());

        assertThatThrownBy(() -> JournalSegment.parse(segment).read()).isInstanceOf(IOException.class)
                .hasMessageContaining("request id");
    }

    @Test
    void should_skip_a_torn_last_record_and_keep_the_ones_before_it() throws Exception {
        try (Journal j = Journal.open(dir, 5)) {
            for (int i = 0; i < 3; i++) j.append(Records.ok("req_" + i, T, 10, 5)).await(5, TimeUnit.SECONDS);
        }
        Path segment = onlySegment();
        // A crash mid-write: a header that promises 300 bytes, and only 40 of them.
        ByteBuffer torn = ByteBuffer.allocate(48).putInt(300).putInt(12345);
        Files.write(segment, torn.array(), StandardOpenOption.APPEND);
        assertThat(JournalSegment.parse(segment).read()).extracting(UsageRecord::requestId)
                .containsExactly("req_0", "req_1", "req_2");
    }

    @Test
    void should_skip_a_last_record_whose_bytes_do_not_match_its_crc() throws Exception {
        try (Journal j = Journal.open(dir, 5)) {
            for (int i = 0; i < 2; i++) j.append(Records.ok("req_" + i, T, 10, 5)).await(5, TimeUnit.SECONDS);
        }
        Path segment = onlySegment();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x5a; // garble the second record's payload
        Files.write(segment, bytes);
        assertThat(JournalSegment.parse(segment).read()).extracting(UsageRecord::requestId).containsExactly("req_0");
    }

    @Test
    void should_rotate_segments_when_one_is_full() throws Exception {
        try (Journal j = Journal.open(dir, 5, 4096)) {
            for (int i = 0; i < 100; i++) j.append(Records.ok("req_" + i, T, 10, 5)).await(5, TimeUnit.SECONDS);
            List<JournalSegment> sealed = j.seal();
            assertThat(sealed.size()).isGreaterThan(3);
            List<String> ids = new ArrayList<>();
            for (JournalSegment s : sealed) {
                assertThat(Files.size(s.path())).isLessThan(4096 + 1024);
                s.read().forEach(r -> ids.add(r.requestId()));
            }
            assertThat(ids).hasSize(100).doesNotHaveDuplicates().startsWith("req_0", "req_1").endsWith("req_99");
        }
    }

    @Test
    void should_fsync_in_batches_under_a_burst_and_soon_after_the_last_write() throws Exception {
        try (Journal j = Journal.open(dir, 10)) {
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < 5000; i++) all.add(j.append(Records.ok("req_" + i, T, 10, 5)));
            Future.all(all).await(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (j.fsyncCount() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
            Thread.sleep(50); // longer than the interval: the last write must have been forced by now
            long fsyncs = j.fsyncCount();
            assertThat(fsyncs).isPositive().isLessThan(5000 / 10);
            long before = j.fsyncCount();
            j.append(Records.ok("late", T, 1, 1)).await(5, TimeUnit.SECONDS);
            Thread.sleep(100);
            assertThat(j.fsyncCount()).as("a lone write is forced within the interval").isEqualTo(before + 1);
        }
    }

    @Test
    void should_let_its_fsync_thread_sleep_while_nothing_is_written() throws Exception {
        try (Journal j = Journal.open(dir, 5)) {
            j.append(Records.ok("req_1", T, 10, 5)).await(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (j.syncerState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.sleep(5);
            // it used to wake every interval (TIMED_WAITING in between), 200 times a second when idle
            for (int i = 0; i < 20; i++) {
                assertThat(j.syncerState()).as("sample %d", i).isEqualTo(Thread.State.WAITING);
                Thread.sleep(5);
            }
            assertThat(j.fsyncCount()).isEqualTo(1);
            long before = j.fsyncCount();
            j.append(Records.ok("req_2", T, 10, 5)).await(5, TimeUnit.SECONDS);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (j.fsyncCount() == before && System.nanoTime() < deadline) Thread.sleep(1);
            assertThat(j.fsyncCount()).as("a write wakes it, and it forces the file").isEqualTo(before + 1);
        }
    }

    @Test
    void should_keep_every_record_appended_concurrently_by_several_threads() throws Exception {
        int threads = 8;
        int each = 500;
        try (Journal j = Journal.open(dir, 2, 64 * 1024)) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                        List<Future<Void>> fs = new ArrayList<>();
                        for (int i = 0; i < each; i++) fs.add(j.append(Records.ok("t" + thread + "_" + i, T, i, 1)));
                        Future.all(fs).await(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            start.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            Set<String> ids = new HashSet<>();
            int count = 0;
            for (JournalSegment s : j.seal()) {
                for (UsageRecord r : s.read()) {
                    ids.add(r.requestId());
                    count++;
                }
            }
            assertThat(count).isEqualTo(threads * each);
            assertThat(ids).hasSize(threads * each);
            assertThat(j.appendedCount()).isEqualTo(threads * each);
        }
    }

    @Test
    void should_hand_an_event_loops_records_over_together_once_its_task_is_done_and_complete_them_on_the_callers_context() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (Journal j = Journal.open(dir, 5)) {
            Context context = vertx.getOrCreateContext();
            CompletableFuture<Long> writtenDuringTheTask = new CompletableFuture<>();
            CompletableFuture<List<Boolean>> onContext = new CompletableFuture<>();
            context.runOnContext(v -> {
                List<Future<Boolean>> appended = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    appended.add(j.append(Records.ok("req_loop_" + i, T, i, 1)).map(ok -> Vertx.currentContext() == context));
                }
                try {
                    Thread.sleep(100); // the writer would have written a record queued at once by now
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                writtenDuringTheTask.complete(j.appendedCount());
                Future.all(appended).onSuccess(all -> onContext.complete(all.list()));
            });
            assertThat(writtenDuringTheTask.get(5, TimeUnit.SECONDS)).isZero();
            assertThat(onContext.get(5, TimeUnit.SECONDS)).hasSize(200).containsOnly(true);
            assertThat(j.appendedCount()).isEqualTo(200);
            assertThat(j.seal().get(0).read()).extracting(UsageRecord::requestId)
                    .startsWith("req_loop_0", "req_loop_1").endsWith("req_loop_199");
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void should_count_the_bytes_not_yet_loaded_including_segments_left_from_before() throws Exception {
        try (Journal j = Journal.open(dir, 5)) {
            for (int i = 0; i < 3; i++) j.append(Records.ok("req_" + i, T, i, 1)).await(5, TimeUnit.SECONDS);
            assertThat(j.unloadedBytes()).isPositive().isEqualTo(Files.size(onlySegment()));
        }
        try (Journal j = Journal.open(dir, 5)) {
            long left = Files.size(onlySegment());
            assertThat(j.unloadedBytes()).as("a segment a stopped process left").isEqualTo(left);
            j.append(Records.ok("req_3", T, 3, 1)).await(5, TimeUnit.SECONDS);
            List<JournalSegment> sealed = j.seal();
            assertThat(j.unloadedBytes()).isEqualTo(left + Files.size(sealed.get(1).path()));
            sealed.forEach(j::delete);
            assertThat(j.unloadedBytes()).isZero();
        }
    }

    @Test
    void should_release_its_directory_on_close_even_while_an_fsync_is_due() throws Exception {
        // closing used to interrupt the fsync thread; an interrupt during force() closes the
        // channel, the last force then failed, and the directory stayed locked: a restart in the
        // same process found it "in use" (about one restart in six)
        for (int i = 0; i < 200; i++) {
            Journal j = Journal.open(dir, 1);
            j.append(Records.ok("req_" + i, T, i, 1)).await(5, TimeUnit.SECONDS);
            j.close();
        }
        try (Journal j = Journal.open(dir, 1)) {
            int records = 0;
            for (JournalSegment s : j.seal()) records += s.read().size();
            assertThat(records).isEqualTo(200);
        }
    }

    @Test
    void should_continue_numbering_after_a_restart_and_keep_old_segments_for_replay() throws Exception {
        try (Journal j = Journal.open(dir, 5)) {
            j.append(Records.ok("first", T, 1, 1)).await(5, TimeUnit.SECONDS);
        }
        try (Journal j = Journal.open(dir, 5)) {
            j.append(Records.ok("second", T, 1, 1)).await(5, TimeUnit.SECONDS);
            List<JournalSegment> sealed = j.seal();
            assertThat(sealed).hasSize(2);
            assertThat(sealed.get(0).read()).extracting(UsageRecord::requestId).containsExactly("first");
            assertThat(sealed.get(1).read()).extracting(UsageRecord::requestId).containsExactly("second");
        }
    }

    @Test
    void should_refuse_a_second_journal_on_the_same_directory_and_appends_after_close() throws Exception {
        Journal j = Journal.open(dir, 5);
        assertThatThrownBy(() -> Journal.open(dir, 5)).hasMessageContaining("another process");
        j.close();
        assertThat(j.append(Records.ok("late", T, 1, 1)).failed()).isTrue();
        Journal.open(dir, 5).close(); // the lock is released on close
    }

    private Path onlySegment() throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> segments = files.filter(p -> JournalSegment.parse(p) != null).toList();
            assertThat(segments).hasSize(1);
            return segments.get(0);
        }
    }
}
