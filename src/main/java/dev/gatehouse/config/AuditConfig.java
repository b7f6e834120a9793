package dev.gatehouse.config;

import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditRetention;

import java.time.Period;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit trail. A signed checkpoint is written every {@code checkpointIntervalSeconds} (and
 * every thousandth entry). {@code retention} maps an audit category ({@code request_decision},
 * {@code policy_denial}, {@code admin}) to how long its entries are kept, as an ISO-8601 period;
 * categories not named keep {@link AuditRetention#DEFAULT_PERIODS}. KYC and screening entries are
 * not named here: they go with the customer's KYC records, {@code compliance.kyc_retention} after
 * the account closes. {@code logRequestDecisions} writes a decision summary for every request,
 * not only for denials.
 */
public record AuditConfig(Long checkpointIntervalSeconds, Map<String, String> retention, Boolean logRequestDecisions) {
    public static final AuditConfig DEFAULTS = new AuditConfig(300L, Map.of(), false);

    public AuditConfig over(AuditConfig base) {
        Map<String, String> r = new LinkedHashMap<>(base.retention);
        if (retention != null) r.putAll(retention);
        return new AuditConfig(checkpointIntervalSeconds != null ? checkpointIntervalSeconds : base.checkpointIntervalSeconds,
                Map.copyOf(r), logRequestDecisions != null ? logRequestDecisions : base.logRequestDecisions);
    }

    /** The retention period of each category: the defaults, overridden by the ones written here. */
    public Map<AuditCategory, Period> retentionPeriods() {
        Map<AuditCategory, Period> out = new EnumMap<>(AuditRetention.DEFAULT_PERIODS);
        for (Map.Entry<String, String> e : retention.entrySet()) {
            String path = "audit.retention." + e.getKey();
            AuditCategory category;
            try {
                category = AuditCategory.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new InvalidField(path, "unknown audit category '" + e.getKey() + "'; one of " + AuditRetention.PURGEABLE_WIRE);
            }
            String why = AuditRetention.whyNotPurgeable(category);
            if (why != null) throw new InvalidField(path, why);
            if (e.getValue() == null) throw new InvalidField(path, "needs a period such as P6M");
            out.put(category, ComplianceConfig.period(path, e.getValue()));
        }
        return out;
    }

    /** Refuses a checkpoint interval below one second and unknown categories or bad periods (called by the loader). */
    void check() {
        if (checkpointIntervalSeconds < 1) {
            throw new InvalidField("audit.checkpoint_interval_seconds", "must be at least 1, not " + checkpointIntervalSeconds);
        }
        retentionPeriods();
    }
}
