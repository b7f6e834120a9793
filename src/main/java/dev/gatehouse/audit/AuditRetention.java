package dev.gatehouse.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The retention job: for each category with a retention period, erases the bodies of entries older
 * than that period, leaving one {@code retention} audit entry per category it purged. Blocks on
 * JDBC; run it through {@link dev.gatehouse.store.Blocking} (e.g. daily).
 * <p>
 * Periods count from the entry's time. Default: request decisions 6 months (the network-log
 * retention China's Cybersecurity Law asks for); other categories are kept. KYC and screening
 * entries have no period of their own: they are about one customer and go with that customer's KYC
 * records, a retention period after the account closes ({@link AuditLog#purgeSubject}, run by the
 * KYC retention job), which a period counted from the entry's time could not express.
 */
public final class AuditRetention {
    public static final Map<AuditCategory, Period> DEFAULT_PERIODS = Map.of(AuditCategory.REQUEST_DECISION, Period.ofMonths(6));
    /** The categories a period may be set for, by their config names. */
    public static final List<String> PURGEABLE_WIRE = Arrays.stream(AuditCategory.values())
            .filter(c -> whyNotPurgeable(c) == null).map(AuditCategory::wire).toList();
    static final String ACTOR = "system:audit-retention";

    private final AuditLog log;
    private final Map<AuditCategory, Period> periods;
    private final Clock clock;

    public AuditRetention(AuditLog log, Map<AuditCategory, Period> periods, Clock clock) {
        for (Map.Entry<AuditCategory, Period> e : periods.entrySet()) {
            String why = whyNotPurgeable(e.getKey());
            if (why != null) throw new IllegalArgumentException(e.getKey().wire() + ": " + why);
            if (e.getValue().isNegative() || e.getValue().isZero()) {
                throw new IllegalArgumentException("the retention period of " + e.getKey().wire() + " must be positive, not " + e.getValue());
            }
        }
        this.log = log;
        this.periods = new EnumMap<>(AuditCategory.class);
        this.periods.putAll(periods);
        this.clock = clock;
    }

    /** Why {@code category} cannot have a retention period counted from the entry's time, or null if it can. */
    public static String whyNotPurgeable(AuditCategory category) {
        return switch (category) {
            case RETENTION -> "retention entries record the purges and are never purged";
            case KYC, SCREENING -> "KYC and screening entries are kept with the customer's KYC records and purged with them,"
                    + " compliance.kyc_retention after the account closes; set that instead";
            case ADMIN, POLICY_DENIAL, REQUEST_DECISION -> null;
        };
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
