package dev.gatehouse.policy.pii;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock in Asia/Shanghai (the zone of PIPL's calendar years) that a test can move. */
final class MovableClock extends Clock {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public ZoneId getZone() {
        return SHANGHAI;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now.get(), zone); // nothing here asks; a frozen copy is the honest answer
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
