package dev.gatehouse.limits;

import io.vertx.core.http.HttpServerResponse;

import java.math.BigDecimal;
import java.time.Duration;

/** OpenAI's {@code x-ratelimit-*} response headers. */
final class RateLimitHeaders {
    private RateLimitHeaders() {}

    /** Writes the {@code -requests} or {@code -tokens} triple ({@code kind}) of one counter. */
    static void put(HttpServerResponse response, String kind, Quota q) {
        if (q == null || response.headWritten()) return;
        response.putHeader("x-ratelimit-limit-" + kind, Long.toString(q.limit()));
        response.putHeader("x-ratelimit-remaining-" + kind, Long.toString(q.remaining()));
        response.putHeader("x-ratelimit-reset-" + kind, format(q.resetAfter()));
    }

    /**
     * A duration the way OpenAI writes it (Go's notation): {@code 0s}, {@code 20ms}, {@code 1s},
     * {@code 1.5s}, {@code 6m0s}, {@code 1h2m3s}; millisecond precision.
     */
    static String format(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms == 0) return "0s";
        if (ms < 1000) return ms + "ms";
        StringBuilder out = new StringBuilder();
        long hours = ms / 3_600_000;
        long minutes = ms / 60_000 % 60;
        if (hours > 0) out.append(hours).append('h');
        if (hours > 0 || minutes > 0) out.append(minutes).append('m');
        BigDecimal seconds = BigDecimal.valueOf(ms % 60_000, 3).stripTrailingZeros();
        out.append(seconds.scale() < 0 ? seconds.setScale(0).toPlainString() : seconds.toPlainString()).append('s');
        return out.toString();
    }
}
