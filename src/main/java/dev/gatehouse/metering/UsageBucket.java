package dev.gatehouse.metering;

import dev.gatehouse.api.GatewayException;

import java.util.Locale;

/** The width of a time-series bucket. Buckets are aligned to UTC. */
public enum UsageBucket {
    HOUR(3600),
    DAY(86_400);

    final long seconds;

    UsageBucket(long seconds) { this.seconds = seconds; }

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    /** Parses {@code hour} or {@code day}; anything else fails with a 400. */
    public static UsageBucket parse(String name) {
        for (UsageBucket b : values()) if (b.wireName().equals(name)) return b;
        throw GatewayException.invalid("Unknown time bucket '" + name + "'; use hour or day.", "bucket");
    }
}
