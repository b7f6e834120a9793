package dev.gatehouse.limits;

import dev.gatehouse.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code limits} table, with an in-memory snapshot for the request path. Writes go to the
 * database and then replace the snapshot, so the next request sees them; {@link #find} never
 * queries. Every other method blocks on JDBC: call it through {@link dev.gatehouse.store.Blocking}.
 * Another gateway instance sees changes after its own {@link #reload()} (run it on a timer).
 */
public final class LimitStore {
    private final Database db;
    private volatile Map<ScopeRef, Limits> snapshot;

    /** Opens the store and loads the snapshot (blocking; done once at start-up). */
    public LimitStore(Database db) {
        this.db = db;
        reload();
    }

    /** The scope's limits from memory, or null if none are set. Safe on the event loop. */
    public Limits find(ScopeRef scope) { return snapshot.get(scope); }

    public Optional<Limits> get(ScopeRef scope) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM limits WHERE scope = ? AND scope_id = ?")) {
                ps.setString(1, scope.kind().dbName());
                ps.setString(2, scope.id());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<Limits> list() {
        List<Limits> all = new ArrayList<>(snapshot.values());
        all.sort(Comparator.comparing((Limits l) -> l.scope().kind()).thenComparing(l -> l.scope().id()));
        return all;
    }

    /** Creates or replaces the scope's limits (the record was validated when it was built). */
    public Limits put(Limits limits) {
        db.inTransaction(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE limits SET requests_per_minute = ?, tokens_per_minute = ?,"
                    + " concurrent_requests = ?, budget_currency = ?, budget_day_nanos = ?, budget_month_nanos = ?,"
                    + " budget_mode = ?, updated_at = ? WHERE scope = ? AND scope_id = ?")) {
                bindValues(ps, limits);
                ps.setString(9, limits.scope().kind().dbName());
                ps.setString(10, limits.scope().id());
                updated = ps.executeUpdate();
            }
            if (updated == 0) insert(c, limits);
            return null;
        });
        change(m -> m.put(limits.scope(), limits));
        return limits;
    }

    /** Removes the scope's limits; false if there were none. */
    public boolean delete(ScopeRef scope) {
        int deleted = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM limits WHERE scope = ? AND scope_id = ?")) {
                ps.setString(1, scope.kind().dbName());
                ps.setString(2, scope.id());
                return ps.executeUpdate();
            }
        });
        change(m -> m.remove(scope));
        return deleted > 0;
    }

    /** Reloads the whole snapshot from the database. */
    public void reload() {
        Map<ScopeRef, Limits> fresh = db.withConnection(c -> {
            Map<ScopeRef, Limits> m = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM limits"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Limits l = read(rs);
                    m.put(l.scope(), l);
                }
            }
            return m;
        });
        synchronized (this) {
            snapshot = Map.copyOf(fresh);
        }
    }

    private synchronized void change(java.util.function.Consumer<Map<ScopeRef, Limits>> edit) {
        Map<ScopeRef, Limits> copy = new HashMap<>(snapshot);
        edit.accept(copy);
        snapshot = Map.copyOf(copy);
    }

    private static void insert(Connection c, Limits limits) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO limits (requests_per_minute, tokens_per_minute,"
                + " concurrent_requests, budget_currency, budget_day_nanos, budget_month_nanos, budget_mode, updated_at,"
                + " scope, scope_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindValues(ps, limits);
            ps.setString(9, limits.scope().kind().dbName());
            ps.setString(10, limits.scope().id());
            ps.executeUpdate();
        }
    }

    private static void bindValues(PreparedStatement ps, Limits l) throws SQLException {
        setInt(ps, 1, l.requestsPerMinute());
        setLong(ps, 2, l.tokensPerMinute());
        setInt(ps, 3, l.concurrentRequests());
        if (l.budgetCurrency() == null) ps.setNull(4, Types.CHAR); else ps.setString(4, l.budgetCurrency().name());
        setLong(ps, 5, l.budgetDayNanos());
        setLong(ps, 6, l.budgetMonthNanos());
        ps.setString(7, l.budgetMode().dbName());
        ps.setTimestamp(8, Timestamp.from(Instant.now()));
    }

    private static Limits read(ResultSet rs) throws SQLException {
        String currency = rs.getString("budget_currency");
        return new Limits(new ScopeRef(ScopeRef.Kind.parse(rs.getString("scope")), rs.getString("scope_id")),
                intOrNull(rs, "requests_per_minute"), longOrNull(rs, "tokens_per_minute"), intOrNull(rs, "concurrent_requests"),
                currency == null ? null : Currency.parse(currency, "budget_currency"),
                longOrNull(rs, "budget_day_nanos"), longOrNull(rs, "budget_month_nanos"),
                BudgetMode.parse(rs.getString("budget_mode"), "budget_mode"));
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER); else ps.setInt(i, v);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v);
    }

    private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
