package dev.gatehouse.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The retention job: for each category with a retention period, erases the bodies of entries older
 * than that period, leaving one {@code retention} audit entry per category it purged. Blocks on
 * JDBC; run it through {@link dev.gatehouse.store.Blocking} (e.g. daily).
 * <p>
 * Periods count from the entry's time. Defaults: request decisions 6 months (the network-log
 * retention China's Cybersecurity Law asks for), KYC 2 years; other categories are kept.
 */
public final class AuditRetention {
    public static final Map<AuditCategory, Period> DEFAULT_PERIODS = Map.of(
            AuditCategory.REQUEST_DECISION, Period.ofMonths(6),
            AuditCategory.KYC, Period.ofYears(2));
    static final String ACTOR = "system:retention";

    private final AuditLog log;
    private final Map<AuditCategory, Period> periods;
    private final Clock clock;

    public AuditRetention(AuditLog log, Map<AuditCategory, Period> periods, Clock clock) {
        if (periods.containsKey(AuditCategory.RETENTION)) {
            throw new IllegalArgumentException("retention entries record the purges and have no retention period");
        }
        for (Map.Entry<AuditCategory, Period> e : periods.entrySet()) {
            if (e.getValue().isNegative() || e.getValue().isZero()) {
                throw new IllegalArgumentException("the retention period of " + e.getKey().wire() + " must be positive, not " + e.getValue());
            }
        }
        this.log = log;
        this.periods = new EnumMap<>(AuditCategory.class);
        this.periods.putAll(periods);
        this.clock = clock;
    }

    /** Purges every category once; returns the retention entries written (none if nothing was old enough). */
    public List<AuditRecord> runOnce() {
        Instant now = clock.instant();
        List<AuditRecord> written = new ArrayList<>();
        for (Map.Entry<AuditCategory, Period> e : periods.entrySet()) {
            Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(e.getValue()).toInstant();
            log.purge(e.getKey(), cutoff, ACTOR).ifPresent(written::add);
        }
        return written;
    }
}
