package dev.gatehouse.policy.facts;

import dev.gatehouse.store.Database;
import dev.gatehouse.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The request path's view of customers' facts: every customer's {@link CustomerFacts} in memory,
 * so that {@link #get} never touches the database. Loaded whole at {@link #start}, then refreshed
 * on its own thread from what changed since the last look, table by table: customers
 * ({@code updated_at}), CIP records ({@code changed_at}), verification steps ({@code decided_at}),
 * screening cases ({@code opened_at}) and their decisions ({@code decided_at}). A changed row
 * reloads all facts of its customer. This instance's own changes are applied at once through
 * {@link #changed}.
 * <p>
 * As in {@code KeyDirectory}, each refresh re-reads a {@link #LOOKBACK} window before the newest
 * change seen, so a transaction that committed late, or a writer whose clock lags by less than
 * the window, is not missed; reloading a customer twice is harmless. Refreshes and
 * {@link #changed} run one at a time, so an older read never overwrites a newer one.
 */
public final class CustomerFactsDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CustomerFactsDirectory.class);
    static final Duration LOOKBACK = Duration.ofSeconds(30);

    /** A table whose rows change a customer's facts, and the time column that says when. */
    private enum Source {
        CUSTOMERS("SELECT id AS customer_id, updated_at AS t FROM customers", "updated_at"),
        CIP_RECORDS("SELECT customer_id, changed_at AS t FROM cip_records", "changed_at"),
        VERIFICATIONS("SELECT customer_id, decided_at AS t FROM cip_verifications", "decided_at"),
        CASES_OPENED("SELECT customer_id, opened_at AS t FROM screening_cases", "opened_at"),
        CASES_DECIDED("SELECT k.customer_id, d.decided_at AS t FROM screening_case_decisions d"
                + " JOIN screening_cases k ON k.id = d.case_id", "d.decided_at");

        final String select;
        final String column;

        Source(String select, String column) {
            this.select = select;
            this.column = column;
        }
    }

    private final Database db;
    private final Map<String, CustomerFacts> facts = new ConcurrentHashMap<>();
    // guarded by this
    private final Map<Source, Instant> seen = new EnumMap<>(Source.class);
    private boolean loaded;
    private ScheduledExecutorService scheduler;

    CustomerFactsDirectory(Database db) {
        this.db = db;
    }

    /** Loads every customer's facts (blocking) and refreshes every {@code refresh} from then on, until {@link #close}. */
    public static CustomerFactsDirectory start(Database db, Duration refresh) {
        CustomerFactsDirectory d = new CustomerFactsDirectory(db);
        d.refresh();
        d.refreshEvery(refresh);
        return d;
    }

    /** The facts held for {@code customerId}; null when no such customer is known. Never blocks: safe on an event loop. */
    public CustomerFacts get(String customerId) {
        return customerId == null ? null : facts.get(customerId);
    }

    /** Reloads one customer now (blocking), for a change this instance just made. */
    public synchronized void changed(String customerId) {
        Map<String, CustomerFacts> fresh = db.withConnection(c -> FactsQuery.load(c, List.of(customerId)));
        facts.putAll(fresh);
    }

    /** Reads one customer's facts from the database (blocking), without touching what is held: for the explain endpoint. */
    public Optional<CustomerFacts> load(String customerId) {
        return Optional.ofNullable(db.withConnection(c -> FactsQuery.load(c, List.of(customerId))).get(customerId));
    }

    /** How many customers are held (for metrics and tests). */
    public int size() { return facts.size(); }

    /** Reads what changed since the last refresh (everything, the first time). Blocking. */
    public synchronized void refresh() {
        db.withConnection(c -> {
            if (!loaded) {
                // the marks first: whatever changes while everything loads is newer than them and is read again next time
                for (Source s : Source.values()) seen.put(s, newest(c, s));
                facts.putAll(FactsQuery.load(c, null));
                loaded = true;
                return null;
            }
            Set<String> changed = new HashSet<>();
            for (Source s : Source.values()) changedSince(c, s, changed);
            if (!changed.isEmpty()) facts.putAll(FactsQuery.load(c, changed));
            return null;
        });
    }

    /** Starts refreshing in the background every {@code interval}; a failed refresh keeps the last view. */
    public synchronized void refreshEvery(Duration interval) {
        if (scheduler != null) throw new IllegalStateException("already refreshing");
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gatehouse-customer-facts").factory());
        long ms = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("customer facts refresh failed, keeping the last view: {}", e.getMessage());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) scheduler.shutdownNow();
    }

    private static Instant newest(Connection c, Source s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(t) AS t FROM (" + s.select + ") x");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Jdbc.time(rs, "t") : null;
        }
    }

    /** Adds the customers whose rows in {@code s} changed since the mark (less the look-back) to {@code into}; moves the mark. */
    private void changedSince(Connection c, Source s, Set<String> into) throws SQLException {
        Instant mark = seen.get(s);
        String sql = s.select + (mark == null ? "" : " WHERE " + s.column + " > ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (mark != null) Jdbc.time(ps, 1, mark.minus(LOOKBACK));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.add(rs.getString("customer_id"));
                    Instant t = Jdbc.time(rs, "t");
                    if (t != null && (mark == null || t.isAfter(mark))) mark = t;
                }
            }
        }
        seen.put(s, mark);
    }
}
