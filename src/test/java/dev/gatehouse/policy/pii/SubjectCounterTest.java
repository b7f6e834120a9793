package dev.gatehouse.policy.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SubjectCounterTest {
    private static final byte[] SALT = "0123456789abcdef-test-salt".getBytes(StandardCharsets.UTF_8);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-06-01T00:00:00Z"));
    private final SubjectCounter counter = new SubjectCounter(SALT, clock);

    @Test
    void should_count_the_same_identifier_once_whatever_its_formatting() {
        assertThat(counter.record(PiiKind.PHONE, "13812345678")).isTrue();
        assertThat(counter.record(PiiKind.PHONE, "+86 138-1234-5678")).isFalse();
        assertThat(counter.record(PiiKind.EMAIL, "Jane@Example.com")).isTrue();
        assertThat(counter.record(PiiKind.EMAIL, "jane@example.com")).isFalse();
        assertThat(counter.snapshot()).isEqualTo(new SubjectCounter.Snapshot(2026, 2, 0));
    }

    @Test
    void should_count_sensitive_subjects_separately_and_also_in_the_total() {
        counter.record(new Finding(PiiKind.ID_NUMBER, 0, 18, "11010519491231002x"));
        counter.record(PiiKind.ID_NUMBER, "11010519491231002X");
        counter.record(PiiKind.BANK_CARD, "4111 1111 1111 1111");
        counter.record(PiiKind.IP, "203.0.113.7");
        assertThat(counter.snapshot()).isEqualTo(new SubjectCounter.Snapshot(2026, 3, 2));
    }

    @Test
    void should_start_a_new_count_in_a_new_calendar_year_of_the_clock_zone() {
        counter.record(PiiKind.PHONE, "13812345678");
        // 2026-12-31T16:30Z is already 2027-01-01 in Shanghai
        clock.set(Instant.parse("2026-12-31T16:30:00Z"));
        assertThat(counter.snapshot().year()).isEqualTo(2027);
        assertThat(counter.record(PiiKind.PHONE, "13812345678")).isTrue();
        assertThat(counter.snapshot(2026).subjects()).isEqualTo(1);
        assertThat(counter.snapshot(2027).subjects()).isEqualTo(1);
        assertThat(counter.snapshot(2025)).isEqualTo(new SubjectCounter.Snapshot(2025, 0, 0));
    }

    @Test
    void should_report_thresholds_being_approached() {
        for (int i = 0; i < 8_000; i++) {
            counter.record(PiiKind.ID_NUMBER, "id-" + i);
        }
        assertThat(counter.approaching(0.8)).containsExactly(SubjectCounter.Threshold.SENSITIVE_PERSONAL_INFORMATION);
        assertThat(counter.approaching(0.9)).isEmpty();
        assertThat(counter.snapshot().reached(SubjectCounter.Threshold.SENSITIVE_PERSONAL_INFORMATION)).isFalse();
        assertThat(counter.snapshot().fractionOf(SubjectCounter.Threshold.PERSONAL_INFORMATION)).isEqualTo(0.08);
    }

    @Test
    void should_report_a_reached_threshold() {
        var snapshot = new SubjectCounter.Snapshot(2026, 100_000, 10_000);
        assertThat(snapshot.reached(SubjectCounter.Threshold.PERSONAL_INFORMATION)).isTrue();
        assertThat(snapshot.reached(SubjectCounter.Threshold.SENSITIVE_PERSONAL_INFORMATION)).isTrue();
        assertThat(snapshot.reached(SubjectCounter.Threshold.SECURITY_ASSESSMENT)).isFalse();
    }

    @Test
    void should_reject_a_short_salt_and_a_meaningless_fraction() {
        assertThatThrownBy(() -> new SubjectCounter(new byte[8], Clock.system(ZoneOffset.UTC)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.approaching(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.approaching(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_count_the_security_assessment_threshold_of_a_million_people_exactly() {
        for (int i = 0; i < 1_000_000; i++) {
            counter.recordHash(2026, counter.subjectHash(PiiKind.EMAIL, "person" + i + "@example.cn"), false);
        }
        assertThat(counter.snapshot(2026).subjects()).isEqualTo(1_000_000);
        assertThat(counter.snapshot(2026).reached(SubjectCounter.Threshold.SECURITY_ASSESSMENT)).isTrue();
        assertThat(counter.record(PiiKind.EMAIL, "person999999@example.cn")).as("already counted").isFalse();
    }

    @Test
    void should_refuse_to_count_something_that_is_not_a_subject_hash() {
        assertThatThrownBy(() -> counter.recordHash(2026, "abc", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.recordHash(2026, "not-hex-not-hex-not-hex", false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(counter.snapshot(2026).subjects()).isZero();
    }
}
