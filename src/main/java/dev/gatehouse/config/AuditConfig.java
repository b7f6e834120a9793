package dev.gatehouse.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit trail. A signed checkpoint is written every {@code checkpointIntervalSeconds} (and
 * every thousandth entry). {@code retention} maps an audit category ({@code request_decision},
 * {@code policy_denial}, {@code kyc}, ...) to how long its entries are kept, as an ISO-8601 period;
 * categories not named keep their defaults. {@code logRequestDecisions} writes a decision summary
 * for every request, not only for denials.
 */
public record AuditConfig(Long checkpointIntervalSeconds, Map<String, String> retention, Boolean logRequestDecisions) {
    public static final AuditConfig DEFAULTS = new AuditConfig(300L, Map.of(), false);

    public AuditConfig over(AuditConfig base) {
        Map<String, String> r = new LinkedHashMap<>(base.retention);
        if (retention != null) r.putAll(retention);
        return new AuditConfig(checkpointIntervalSeconds != null ? checkpointIntervalSeconds : base.checkpointIntervalSeconds,
                Map.copyOf(r), logRequestDecisions != null ? logRequestDecisions : base.logRequestDecisions);
    }
}
