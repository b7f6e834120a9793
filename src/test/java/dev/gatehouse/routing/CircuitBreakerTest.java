package dev.gatehouse.routing;

import dev.gatehouse.config.BreakerConfig;
import dev.gatehouse.routing.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Time is passed in, never slept: {@link #at(long)} turns milliseconds after an arbitrary origin into nanos. */
class CircuitBreakerTest {
    private static final long ORIGIN = 987_654_321_000_000L;
    /** 1 s window in 100 ms buckets, 4 calls minimum, half failing opens it for 5 s, then 2 probes. */
    private static final BreakerConfig CONFIG = new BreakerConfig(1_000L, 4, 0.5, 5_000L, 2);

    private static long at(long ms) { return ORIGIN + ms * 1_000_000L; }

    private static void fail(CircuitBreaker b, long ms, int times) {
        for (int i = 0; i < times; i++) b.onFailure(at(ms));
    }

    private static void succeed(CircuitBreaker b, long ms, int times) {
        for (int i = 0; i < times; i++) b.onSuccess(at(ms));
    }

    /** A breaker opened at {@code ms} by four failures. */
    private static CircuitBreaker openedAt(BreakerConfig config, long ms) {
        CircuitBreaker b = new CircuitBreaker(config);
        fail(b, ms, 4);
        assertThat(b.state(at(ms))).isEqualTo(State.OPEN);
        return b;
    }

    @Test
    void should_stay_closed_below_the_minimum_number_of_requests_even_if_all_failed() {
        CircuitBreaker b = new CircuitBreaker(CONFIG);

        fail(b, 0, 3);

        assertThat(b.state(at(0))).isEqualTo(State.CLOSED);
        assertThat(b.tryAcquire(at(0))).isTrue();
    }

    @Test
    void should_open_when_the_failure_rate_over_the_window_reaches_the_threshold() {
        CircuitBreaker b = new CircuitBreaker(CONFIG);
        succeed(b, 0, 2);
        fail(b, 100, 1);

        assertThat(b.state(at(100))).isEqualTo(State.CLOSED);

        fail(b, 200, 1); // 2 of 4 failed: 50%

        assertThat(b.state(at(200))).isEqualTo(State.OPEN);
    }

    @Test
    void should_stay_closed_while_the_failure_rate_is_below_the_threshold() {
        CircuitBreaker b = new CircuitBreaker(CONFIG);
        succeed(b, 0, 4);

        fail(b, 100, 3); // 3 of 7 failed: 43%

        assertThat(b.state(at(100))).isEqualTo(State.CLOSED);
    }

    @Test
    void should_not_count_failures_that_have_left_the_window() {
        CircuitBreaker b = new CircuitBreaker(CONFIG);
        fail(b, 0, 3);

        fail(b, 1_000, 1); // the three at 0 ms are a whole window old now

        assertThat(b.state(at(1_000))).isEqualTo(State.CLOSED);
    }

    @Test
    void should_still_count_failures_until_the_last_bucket_of_the_window() {
        // the window slides in 100 ms buckets, so an outcome counts for between 900 and 1000 ms
        CircuitBreaker b = new CircuitBreaker(CONFIG);
        fail(b, 0, 3);

        fail(b, 899, 1);

        assertThat(b.state(at(899))).isEqualTo(State.OPEN);
    }

    @Test
    void should_refuse_calls_while_open() {
        CircuitBreaker b = openedAt(CONFIG, 0);

        assertThat(b.tryAcquire(at(1))).isFalse();
        assertThat(b.tryAcquire(at(4_999))).isFalse();
        assertThat(b.state(at(4_999))).isEqualTo(State.OPEN);
    }

    @Test
    void should_let_exactly_the_configured_number_of_probes_through_once_the_cool_down_ends() {
        CircuitBreaker b = openedAt(CONFIG, 0);

        assertThat(b.state(at(5_000))).isEqualTo(State.HALF_OPEN);
        assertThat(b.tryAcquire(at(5_000))).isTrue();
        assertThat(b.tryAcquire(at(5_001))).isTrue();
        assertThat(b.tryAcquire(at(5_002))).isFalse();
        assertThat(b.state(at(5_002))).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void should_close_with_a_clean_window_when_the_probes_succeed() {
        // a window longer than the cool-down, so the failures that opened it would still be in it
        BreakerConfig longWindow = new BreakerConfig(10_000L, 4, 0.5, 1_000L, 2);
        CircuitBreaker b = openedAt(longWindow, 0);
        assertThat(b.tryAcquire(at(1_000))).isTrue();
        assertThat(b.tryAcquire(at(1_000))).isTrue();

        b.onSuccess(at(1_100));

        assertThat(b.state(at(1_100))).isEqualTo(State.HALF_OPEN);

        b.onSuccess(at(1_200));

        assertThat(b.state(at(1_200))).isEqualTo(State.CLOSED);
        fail(b, 1_300, 3);
        assertThat(b.state(at(1_300))).isEqualTo(State.CLOSED);
        assertThat(b.tryAcquire(at(1_300))).isTrue();
    }

    @Test
    void should_open_again_when_a_probe_fails() {
        CircuitBreaker b = openedAt(CONFIG, 0);
        assertThat(b.tryAcquire(at(5_000))).isTrue();

        b.onFailure(at(5_100));

        assertThat(b.state(at(5_100))).isEqualTo(State.OPEN);
        assertThat(b.tryAcquire(at(10_099))).isFalse();
        assertThat(b.tryAcquire(at(10_100))).isTrue();
    }

    @Test
    void should_ignore_late_failures_while_open() {
        CircuitBreaker b = openedAt(CONFIG, 0);

        fail(b, 100, 10);

        assertThat(b.tryAcquire(at(5_000))).isTrue(); // the cool-down was not extended
    }

    @Test
    void should_free_a_probe_slot_when_a_probe_is_abandoned() {
        BreakerConfig oneProbe = new BreakerConfig(1_000L, 4, 0.5, 5_000L, 1);
        CircuitBreaker b = openedAt(oneProbe, 0);
        assertThat(b.tryAcquire(at(5_000))).isTrue();
        assertThat(b.tryAcquire(at(5_000))).isFalse();

        b.onAbandoned();

        assertThat(b.state(at(5_001))).isEqualTo(State.HALF_OPEN);
        assertThat(b.tryAcquire(at(5_001))).isTrue();
        assertThat(b.tryAcquire(at(5_001))).isFalse();
    }

    @Test
    void should_treat_zero_probes_as_one() {
        CircuitBreaker b = openedAt(new BreakerConfig(1_000L, 4, 0.5, 5_000L, 0), 0);

        assertThat(b.tryAcquire(at(5_000))).isTrue();
        assertThat(b.tryAcquire(at(5_000))).isFalse();
        b.onSuccess(at(5_001));
        assertThat(b.state(at(5_001))).isEqualTo(State.CLOSED);
    }

    @Test
    void should_not_let_a_call_from_before_the_breaker_opened_close_it_while_half_open() {
        CircuitBreaker b = openedAt(CONFIG, 0);
        assertThat(b.state(at(5_000))).isEqualTo(State.HALF_OPEN);

        succeed(b, 5_000, 3); // late answers of calls started while closed; no probe was taken

        assertThat(b.state(at(5_000))).isEqualTo(State.HALF_OPEN);
        assertThat(b.tryAcquire(at(5_000))).isTrue();
        assertThat(b.tryAcquire(at(5_000))).isTrue();
        assertThat(b.tryAcquire(at(5_000))).isFalse();
    }
}
