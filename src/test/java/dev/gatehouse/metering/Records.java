package dev.gatehouse.metering;

import java.time.Instant;

/** Usage records for tests. */
final class Records {
    private Records() {}

    /** A successful request of customer {@code cus_a} through provider {@code openai}. */
    static UsageRecord ok(String requestId, Instant time, long in, long out) {
        return new UsageRecord(time, requestId, "cus_a", "prj_a", "key_a", "gpt-4o", "openai", "gpt-4o-2024", null,
                200, null, in, out, 0, true, in * 1000, in * 7100, "prc_x", 120, 40);
    }

    static UsageRecord of(String requestId, Instant time, String customer, String project, String key, String route,
                          String provider, String model, int status, long in, long out, long cached, long usd, long cny) {
        return new UsageRecord(time, requestId, customer, project, key, route, provider, model, null, status,
                status >= 400 ? "upstream_error" : null, in, out, cached, true, usd, cny, usd > 0 ? "prc_x" : null, 100, null);
    }
}
