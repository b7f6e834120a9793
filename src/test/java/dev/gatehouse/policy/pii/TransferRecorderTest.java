package dev.gatehouse.policy.pii;

import dev.gatehouse.policy.pii.SubjectCounter.Threshold;
import dev.gatehouse.policy.pii.TransferRecorder.Alert;
import dev.gatehouse.policy.pii.TransferRecorder.Snapshot;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferRecorderTest {
    private static final String STORES = "dev.gatehouse.store.StoreFixtures#both";
    private static final String ID = ChatBodies.ID;
    /** Small thresholds, so a test can cross them: 10 people, 4 sensitive, 100 for an assessment. */
    private static final java.util.function.ToLongFunction<Threshold> SMALL = t -> switch (t) {
        case PERSONAL_INFORMATION -> 10;
        case SENSITIVE_PERSONAL_INFORMATION -> 4;
        case SECURITY_ASSESSMENT -> 100;
    };

    private final MovableClock clock = new MovableClock(Instant.parse("2026-06-01T04:00:00Z"));
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    private TransferRecorder open(Database db) {
        return TransferRecorder.open(db, clock, 0.5, alerts::add, SMALL);
    }

    private static Finding phone(String text) {
        return new Finding(PiiKind.PHONE, 0, text.length(), text);
    }

    private static Finding finding(PiiKind kind, String text) {
        return new Finding(kind, 0, text.length(), text);
    }

    private static void stored(TransferRecorder r) {
        assertThat(r.awaitStored(Duration.ofSeconds(10))).as("rows stored in time").isTrue();
    }

    @ParameterizedTest
    @MethodSource(STORES)
    void should_store_one_hashed_row_per_subject_and_count_distinct_and_sensitive_subjects(Supplier<Database> store) throws Exception {
        try (Database db = store.get(); TransferRecorder r = open(db)) {
            r.record("req-1", "cus_1", "openai", "US", List.of(finding(PiiKind.ID_NUMBER, ID), phone("13812345678"),
                    finding(PiiKind.EMAIL, "zhang.wei@example.com"), phone("+86 138-1234-5678")));
            stored(r);

            assertThat(TransferRecorder.counts(db, 2026)).isEqualTo(new Snapshot(2026, 3, 1, 3));
            assertThat(TransferRecorder.counts(db, 2025)).isEqualTo(new Snapshot(2025, 0, 0, 0));
            List<String> rows = db.withConnection(c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT request_id, customer_id, provider, processing_region, kind,"
                        + " sensitive, subject_hash, transfer_year FROM pi_transfers ORDER BY kind");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertThat(rs.getString(7)).matches("[0-9a-f]{64}");
                        out.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), Boolean.toString(rs.getBoolean(6)), Integer.toString(rs.getInt(8))));
                    }
                }
                return out;
            });
            assertThat(rows).containsExactly("req-1|cus_1|openai|US|email|false|2026", "req-1|cus_1|openai|US|id_number|true|2026",
                    "req-1|cus_1|openai|US|mobile|false|2026");
            String everything = db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pi_transfers"); ResultSet rs = ps.executeQuery()) {
                    StringBuilder b = new StringBuilder();
                    while (rs.next()) for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) b.append(rs.getString(i)).append(' ');
                    return b.toString();
                }
            });
            assertThat(everything).doesNotContain(ID, "13812345678", "zhang.wei");
        }
    }

    @ParameterizedTest
    @MethodSource(STORES)
    void should_count_the_same_person_in_two_requests_once_and_keep_counting_after_a_restart(Supplier<Database> store) {
        try (Database db = store.get()) {
            try (TransferRecorder r = open(db)) {
                r.record("req-1", "cus_1", "openai", "US", List.of(phone("13812345678"), finding(PiiKind.ID_NUMBER, ID)));
                r.record("req-2", "cus_2", "anthropic", "US", List.of(phone("138 1234 5678")));
                assertThat(r.current()).isEqualTo(new SubjectCounter.Snapshot(2026, 2, 1));
            }
            assertThat(TransferRecorder.counts(db, 2026)).isEqualTo(new Snapshot(2026, 2, 1, 3));

            try (TransferRecorder again = open(db)) {
                assertThat(again.current()).as("loaded from the table").isEqualTo(new SubjectCounter.Snapshot(2026, 2, 1));
                again.record("req-3", null, "openai", "US", List.of(finding(PiiKind.ID_NUMBER, ID.toLowerCase()), phone("15987654321")));
                assertThat(again.current()).as("the salt is the database's, so old subjects are recognised")
                        .isEqualTo(new SubjectCounter.Snapshot(2026, 3, 1));
                stored(again);
            }
            assertThat(TransferRecorder.counts(db, 2026)).isEqualTo(new Snapshot(2026, 3, 1, 5));
        }
    }

    @ParameterizedTest
    @MethodSource(STORES)
    void should_alert_once_per_threshold_when_the_count_reaches_the_alert_fraction(Supplier<Database> store) {
        try (Database db = store.get()) {
            try (TransferRecorder r = open(db)) {
                // sensitive threshold 4 x 0.5 = 2 people; personal-information threshold 10 x 0.5 = 5 people
                r.record("req-1", "cus_1", "openai", "US", List.of(finding(PiiKind.BANK_CARD, "6222021234567890128")));
                assertThat(alerts).isEmpty();
                r.record("req-2", "cus_1", "openai", "US", List.of(finding(PiiKind.PASSPORT, "E12345678")));
                assertThat(alerts).containsExactly(new Alert(2026, Threshold.SENSITIVE_PERSONAL_INFORMATION, 2, 4, 0.5));
                r.record("req-3", "cus_1", "openai", "US", List.of(finding(PiiKind.ID_NUMBER, ID), phone("13812345678")));
                assertThat(alerts).hasSize(1);
                r.record("req-4", "cus_1", "openai", "US", List.of(phone("13912345678")));
                assertThat(alerts).extracting(Alert::threshold).containsExactly(Threshold.SENSITIVE_PERSONAL_INFORMATION,
                        Threshold.PERSONAL_INFORMATION);
                r.record("req-5", "cus_1", "openai", "US", List.of(phone("15012345678"), finding(PiiKind.ID_NUMBER, "110105198506152343")));
                assertThat(alerts).hasSize(2);
                assertThat(r.approaching()).containsExactly(Threshold.PERSONAL_INFORMATION, Threshold.SENSITIVE_PERSONAL_INFORMATION);
            }
            try (TransferRecorder again = open(db)) {
                again.record("req-6", "cus_1", "openai", "US", List.of(phone("15112345678")));
                assertThat(alerts).as("thresholds reached before the restart were alerted then").hasSize(2);
                assertThat(again.approaching()).containsExactly(Threshold.PERSONAL_INFORMATION, Threshold.SENSITIVE_PERSONAL_INFORMATION);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(STORES)
    void should_count_each_calendar_year_in_shanghai_time_on_its_own(Supplier<Database> store) {
        try (Database db = store.get(); TransferRecorder r = open(db)) {
            clock.set(Instant.parse("2026-12-31T15:59:00Z")); // 23:59 in Shanghai
            r.record("req-1", null, "openai", "US", List.of(phone("13812345678"), phone("13912345678"),
                    finding(PiiKind.BANK_CARD, "6222021234567890128"), finding(PiiKind.PASSPORT, "E12345678")));
            assertThat(alerts).extracting(Alert::year).containsExactly(2026);
            clock.set(Instant.parse("2026-12-31T16:01:00Z")); // 00:01 on 1 January in Shanghai
            r.record("req-2", null, "openai", "US", List.of(phone("13812345678")));
            stored(r);

            assertThat(TransferRecorder.counts(db, 2026)).isEqualTo(new Snapshot(2026, 4, 2, 4));
            assertThat(TransferRecorder.counts(db, 2027)).isEqualTo(new Snapshot(2027, 1, 0, 1));
            assertThat(r.current()).isEqualTo(new SubjectCounter.Snapshot(2027, 1, 0));
        }
    }

    @ParameterizedTest
    @MethodSource(STORES)
    void should_refuse_bad_input_clearly_and_record_nothing_of_it(Supplier<Database> store) {
        try (Database db = store.get(); TransferRecorder r = open(db)) {
            List<Finding> one = List.of(phone("13812345678"));
            assertThatThrownBy(() -> r.record("req-1", "cus_1", "openai", "US", null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("findings must not be null");
            assertThatThrownBy(() -> r.record("req-1", "cus_1", "openai", "US", Arrays.asList(phone("13812345678"), null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("findings must not contain null");
            assertThatThrownBy(() -> r.record(null, "cus_1", "openai", "US", one)).hasMessage("requestId is required");
            assertThatThrownBy(() -> r.record("req-1", "cus_1", " ", "US", one)).hasMessage("provider is required");
            assertThatThrownBy(() -> r.record("req-1", "cus_1", "openai", null, one)).hasMessage("processingRegion is required");
            assertThatThrownBy(() -> r.record("req-1", "", "openai", "US", one)).hasMessage("customerId must not be blank");
            assertThatThrownBy(() -> r.record("r".repeat(65), "cus_1", "openai", "US", one))
                    .hasMessage("requestId is longer than 64 characters");
            assertThatThrownBy(() -> r.record("req-1", "cus_1", "p".repeat(101), "US", one))
                    .hasMessage("provider is longer than 100 characters");
            r.record("req-2", "cus_1", "openai", "US", List.of());
            stored(r);

            assertThat(r.current().subjects()).isZero();
            assertThat(TransferRecorder.counts(db, 2026).records()).isZero();
            assertThat(r.dropped()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(STORES)
    void should_refuse_a_bad_alert_fraction_and_recording_after_close(Supplier<Database> store) {
        try (Database db = store.get()) {
            assertThatThrownBy(() -> TransferRecorder.open(db, clock, 0, alerts::add)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("alertAt");
            assertThatThrownBy(() -> TransferRecorder.open(db, clock, 1.5, alerts::add)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TransferRecorder.open(db, clock, Double.NaN, alerts::add)).isInstanceOf(IllegalArgumentException.class);
            TransferRecorder r = TransferRecorder.open(db, clock, 0.8, a -> { throw new IllegalStateException("listener broke"); });
            r.close();
            assertThatThrownBy(() -> r.record("req-1", null, "openai", "US", List.of(phone("13812345678"))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @org.junit.jupiter.api.Test
    void should_count_in_memory_and_report_rows_lost_when_the_store_stays_down_until_shutdown() {
        Database db = StoreFixtures.h2();
        TransferRecorder r = open(db);
        db.close(); // the store goes away under a running recorder

        r.record("req-1", null, "openai", "US", List.of(phone("13812345678"), finding(PiiKind.EMAIL, "a@example.com")));
        assertThat(r.current().subjects()).as("counting does not wait for the store").isEqualTo(2);
        long start = System.nanoTime();
        r.close();

        assertThat(r.dropped()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @MethodSource(STORES)
    void should_keep_recording_when_the_alert_listener_throws(Supplier<Database> store) {
        try (Database db = store.get();
             TransferRecorder r = TransferRecorder.open(db, clock, 0.5, a -> { throw new IllegalStateException("listener broke"); }, SMALL)) {
            r.record("req-1", null, "openai", "US", List.of(finding(PiiKind.BANK_CARD, "6222021234567890128"),
                    finding(PiiKind.PASSPORT, "E12345678")));
            stored(r);
            assertThat(TransferRecorder.counts(db, 2026).records()).isEqualTo(2);
        }
    }
}
