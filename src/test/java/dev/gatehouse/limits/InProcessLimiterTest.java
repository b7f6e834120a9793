package dev.gatehouse.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessLimiterTest {

    @Test
    void should_charge_tokens_beyond_the_reservation_so_the_counter_refuses_until_it_refills() {
        InProcessLimiter limiter = new InProcessLimiter();
        TokenReservation r = limiter.reserveTokens("key:a", 100, 1000);
        assertThat(r.granted()).isTrue();
        assertThat(r.quota().remaining()).isEqualTo(900);
        Quota after = limiter.settleTokens(r, 1500);
        assertThat(after.remaining()).isZero();
        assertThat(after.resetAfter()).isGreaterThan(Duration.ofSeconds(89));
        TokenReservation refused = limiter.reserveTokens("key:a", 10, 1000);
        assertThat(refused.granted()).isFalse();
        assertThat(refused.reserved()).isZero();
        assertThat(refused.quota().retryAfter()).isGreaterThan(Duration.ofSeconds(29));
    }

    @Test
    void should_reserve_at_most_the_whole_limit_for_an_estimate_above_it() {
        InProcessLimiter limiter = new InProcessLimiter();
        TokenReservation r = limiter.reserveTokens("key:b", 5000, 1000);
        assertThat(r.granted()).isTrue();
        assertThat(r.reserved()).isEqualTo(1000);
        assertThat(limiter.reserveTokens("key:b", 5000, 1000).granted()).isFalse();
    }

    @Test
    void should_start_a_fresh_counter_when_the_limit_changes_and_refund_requests() {
        InProcessLimiter limiter = new InProcessLimiter();
        assertThat(limiter.tryAcquireRequest("key:c", 1).granted()).isTrue();
        assertThat(limiter.tryAcquireRequest("key:c", 1).granted()).isFalse();
        limiter.refundRequest("key:c", 1);
        assertThat(limiter.tryAcquireRequest("key:c", 1).granted()).isTrue();
        Quota raised = limiter.tryAcquireRequest("key:c", 10);
        assertThat(raised.granted()).isTrue();
        assertThat(raised.remaining()).isEqualTo(9);
        assertThat(raised.resetAfter()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void should_forget_idle_full_counters_and_released_slots_so_memory_stays_bounded() {
        AtomicLong now = new AtomicLong(0);
        InProcessLimiter limiter = new InProcessLimiter(now::get);
        for (int i = 0; i < 1000; i++) limiter.tryAcquireRequest("key:" + i, 1_000_000);
        assertThat(limiter.acquireConcurrent("key:x", 1).granted()).isTrue();
        assertThat(limiter.acquireConcurrent("key:x", 1).granted()).isFalse();
        limiter.releaseConcurrent("key:x");
        assertThat(limiter.size()).isEqualTo(1000);

        now.addAndGet(InProcessLimiter.IDLE.plusSeconds(31).toNanos()); // the 1-per-60µs buckets are full again
        limiter.tryAcquireRequest("key:active", 5);
        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void should_write_durations_the_way_openai_does() {
        assertThat(RateLimitHeaders.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(RateLimitHeaders.format(Duration.ofMillis(20))).isEqualTo("20ms");
        assertThat(RateLimitHeaders.format(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(RateLimitHeaders.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(RateLimitHeaders.format(Duration.ofMinutes(6))).isEqualTo("6m0s");
        assertThat(RateLimitHeaders.format(Duration.ofSeconds(3723))).isEqualTo("1h2m3s");
    }
}
