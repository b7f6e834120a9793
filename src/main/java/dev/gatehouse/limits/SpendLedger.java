package dev.gatehouse.limits;

import dev.gatehouse.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each scope has spent this UTC day and this UTC month, in memory. Loaded once at start from
 * the usage ledger ({@code usage_records}), then kept by {@link #add}; a new day or month starts
 * from zero on its own. Thread-safe; {@link #load} blocks, everything else is memory only.
 */
public final class SpendLedger {
    private final Clock clock;
    private final ConcurrentHashMap<ScopeRef, Totals> totals = new ConcurrentHashMap<>();

    public SpendLedger(Clock clock) { this.clock = clock; }

    /** A ledger holding what {@code usage_records} says was spent this day and month (blocking). */
    public static SpendLedger load(Database db, Clock clock) {
        SpendLedger ledger = new SpendLedger(clock);
        LocalDate today = ledger.today();
        OffsetDateTime dayStart = today.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime monthStart = today.withDayOfMonth(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        db.withConnection(c -> {
            for (ScopeRef.Kind kind : ScopeRef.Kind.values()) {
                String column = kind.dbName() + "_id";
                String sql = "SELECT " + column + ", SUM(CASE WHEN ts >= ? THEN cost_usd_nanos ELSE 0 END),"
                        + " SUM(CASE WHEN ts >= ? THEN cost_cny_nanos ELSE 0 END), SUM(cost_usd_nanos), SUM(cost_cny_nanos)"
                        + " FROM usage_records WHERE ts >= ? AND " + column + " IS NOT NULL GROUP BY " + column;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setObject(1, dayStart);
                    ps.setObject(2, dayStart);
                    ps.setObject(3, monthStart);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Totals t = ledger.totals(new ScopeRef(kind, rs.getString(1)));
                            t.restore(today, new Spend(rs.getLong(2), rs.getLong(3)), new Spend(rs.getLong(4), rs.getLong(5)));
                        }
                    }
                }
            }
            return null;
        });
        return ledger;
    }

    public void add(ScopeRef scope, Spend spend) {
        if (spend.usdNanos() == 0 && spend.cnyNanos() == 0) return;
        totals(scope).add(today(), spend);
    }

    public Spend today(ScopeRef scope) {
        Totals t = totals.get(scope);
        return t == null ? Spend.ZERO : t.day(today());
    }

    public Spend thisMonth(ScopeRef scope) {
        Totals t = totals.get(scope);
        return t == null ? Spend.ZERO : t.month(today());
    }

    LocalDate today() { return LocalDate.now(clock.withZone(ZoneOffset.UTC)); }

    Clock clock() { return clock; }

    private Totals totals(ScopeRef scope) { return totals.computeIfAbsent(scope, s -> new Totals()); }

    /** One scope's day and month, reset when the date moves on. */
    private static final class Totals {
        private LocalDate day;
        private YearMonth month;
        private Spend daySpend = Spend.ZERO;
        private Spend monthSpend = Spend.ZERO;

        synchronized void restore(LocalDate today, Spend dayTotal, Spend monthTotal) {
            roll(today);
            daySpend = dayTotal;
            monthSpend = monthTotal;
        }

        synchronized void add(LocalDate today, Spend s) {
            roll(today);
            daySpend = daySpend.plus(s);
            monthSpend = monthSpend.plus(s);
        }

        synchronized Spend day(LocalDate today) {
            roll(today);
            return daySpend;
        }

        synchronized Spend month(LocalDate today) {
            roll(today);
            return monthSpend;
        }

        private void roll(LocalDate today) {
            if (!today.equals(day)) {
                day = today;
                daySpend = Spend.ZERO;
            }
            YearMonth m = YearMonth.from(today);
            if (!m.equals(month)) {
                month = m;
                monthSpend = Spend.ZERO;
            }
        }
    }
}
