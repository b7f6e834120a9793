package dev.gatehouse.config;

/**
 * Upstream timeouts in milliseconds: to connect, to the first response byte, for the whole
 * exchange, and the longest silence allowed between two chunks of a stream.
 */
public record Timeouts(Long connectMs, Long firstByteMs, Long totalMs, Long idleMs) {
    public static final Timeouts DEFAULTS = new Timeouts(5_000L, 60_000L, 600_000L, 60_000L);

    /** This value with every unset field taken from {@code base}. */
    public Timeouts over(Timeouts base) {
        return new Timeouts(
                connectMs != null ? connectMs : base.connectMs,
                firstByteMs != null ? firstByteMs : base.firstByteMs,
                totalMs != null ? totalMs : base.totalMs,
                idleMs != null ? idleMs : base.idleMs);
    }
}
