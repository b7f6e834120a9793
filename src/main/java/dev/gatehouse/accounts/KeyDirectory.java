package dev.gatehouse.accounts;

import dev.gatehouse.store.Jdbc;
import dev.gatehouse.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The request path's view of the keys: every key of the store in memory, by prefix, with its
 * customer's status, so that {@link #check} never touches the database. It reloads what changed
 * since the last look ({@code updated_at} of keys and customers) every refresh interval, on its own
 * thread; the stores of this instance tell it of their changes at once ({@link AccountChanges}).
 * <p>
 * Each refresh re-reads a {@link #LOOKBACK} window before the newest change seen, so a change whose
 * transaction committed late, or whose writer's clock lags by less than that window, is not
 * missed; rows are applied only if not older than what is held, so re-reading is harmless.
 */
public final class KeyDirectory implements AccountChanges, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyDirectory.class);
    /** How often other instances' changes are picked up unless configured otherwise. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(1);
    static final Duration LOOKBACK = Duration.ofSeconds(30);
    private static final String KEY_COLUMNS = "id, kind, prefix, secret_hash, name, customer_id, project_id, role, models, "
            + "expires_at, revoked_at, updated_at";

    /** One key as held in memory; the hash stays in here. */
    private record Entry(String keyId, KeyKind kind, String prefix, byte[] hash, String name, String customerId,
                         String projectId, Role role, Set<String> models, Instant expiresAt, Instant revokedAt,
                         Instant updatedAt) {}

    private record CustomerState(CustomerStatus status, Instant updatedAt) {}

    private final Database db;
    private final Clock clock;
    private final Map<String, Entry> byPrefix = new ConcurrentHashMap<>();
    private final Map<String, CustomerState> customers = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    // guarded by this: refreshes run one at a time
    private Instant keysSeen;
    private Instant customersSeen;

    public KeyDirectory(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Loads every key (blocking) and refreshes every {@code interval} from then on, until {@link #close}. */
    public static KeyDirectory start(Database db, Duration interval) {
        KeyDirectory d = new KeyDirectory(db, Clock.systemUTC());
        d.refresh();
        d.refreshEvery(interval);
        return d;
    }

    /** Starts refreshing in the background every {@code interval}; a failed refresh keeps the last view. */
    public synchronized void refreshEvery(Duration interval) {
        if (scheduler != null) throw new IllegalStateException("already refreshing");
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gatehouse-key-directory").factory());
        long ms = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("key directory refresh failed, keeping the last view: {}", e.getMessage());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * What {@code presentedKey} is. Never blocks: safe on an event loop. Expiry is judged by the
     * clock now, so an expired key stops working without a refresh.
     */
    public KeyCheck check(String presentedKey) {
        String prefix = ApiKeySecrets.prefixOf(presentedKey);
        Entry e = prefix == null ? null : byPrefix.get(prefix);
        if (e == null || !ApiKeySecrets.matches(presentedKey, e.hash())) return new KeyCheck.Unknown();
        if (e.revokedAt() != null) return new KeyCheck.Revoked(e.keyId());
        if (e.expiresAt() != null && !clock.instant().isBefore(e.expiresAt())) return new KeyCheck.Expired(e.keyId(), e.expiresAt());
        if (e.customerId() != null) {
            CustomerState c = customers.get(e.customerId());
            if (c == null) return new KeyCheck.Unknown(); // cannot happen after a refresh: keys are read before customers
            if (c.status() != CustomerStatus.ACTIVE) return new KeyCheck.CustomerInactive(e.keyId(), e.customerId(), c.status());
        }
        return new KeyCheck.Valid(e.keyId(), e.kind(), e.name(), e.customerId(), e.projectId(), e.role(), e.models());
    }

    /** Reads what changed since the last refresh (everything, the first time). Blocking. */
    public synchronized void refresh() {
        // keys before customers: every key read then has its customer (a foreign key) in the second read
        Instant keysFrom = since(keysSeen);
        for (Entry e : db.withConnection(c -> loadKeys(c, keysFrom == null ? "" : " WHERE updated_at > ?", ps -> Jdbc.time(ps, 1, keysFrom)))) {
            if (keysSeen == null || e.updatedAt().isAfter(keysSeen)) keysSeen = e.updatedAt();
        }
        Instant customersFrom = since(customersSeen);
        for (Instant t : db.withConnection(c -> loadCustomers(c, customersFrom == null ? "" : " WHERE updated_at > ?", ps -> Jdbc.time(ps, 1, customersFrom)))) {
            if (customersSeen == null || t.isAfter(customersSeen)) customersSeen = t;
        }
    }

    @Override
    public void keyChanged(String keyId) {
        for (Entry e : db.withConnection(c -> loadKeys(c, " WHERE id = ?", ps -> ps.setString(1, keyId)))) {
            if (e.customerId() != null && !customers.containsKey(e.customerId())) customerChanged(e.customerId());
        }
    }

    @Override
    public void customerChanged(String customerId) {
        db.withConnection(c -> loadCustomers(c, " WHERE id = ?", ps -> ps.setString(1, customerId)));
    }

    /** How many keys are held (for metrics and tests). */
    public int size() { return byPrefix.size(); }

    @Override
    public synchronized void close() {
        if (scheduler != null) scheduler.shutdownNow();
    }

    private static Instant since(Instant seen) {
        return seen == null ? null : seen.minus(LOOKBACK);
    }

    /** Loads the matching keys into the view; returns them. */
    private List<Entry> loadKeys(Connection c, String where, Binder bind) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + KEY_COLUMNS + " FROM api_keys" + where)) {
            if (!where.isEmpty()) bind.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String role = rs.getString("role");
                    Entry e = new Entry(rs.getString("id"), KeyKind.parse(rs.getString("kind")), rs.getString("prefix"),
                            HexFormat.of().parseHex(rs.getString("secret_hash").strip()), rs.getString("name"),
                            rs.getString("customer_id"), rs.getString("project_id"), role == null ? null : Role.parse(role),
                            KeyStore.parseModels(rs.getString("models")), Jdbc.time(rs, "expires_at"),
                            Jdbc.time(rs, "revoked_at"), Jdbc.time(rs, "updated_at"));
                    byPrefix.merge(e.prefix(), e, (old, fresh) -> fresh.updatedAt().isBefore(old.updatedAt()) ? old : fresh);
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Loads the matching customers' statuses into the view; returns their {@code updated_at}. */
    private List<Instant> loadCustomers(Connection c, String where, Binder bind) throws SQLException {
        List<Instant> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, status, updated_at FROM customers" + where)) {
            if (!where.isEmpty()) bind.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CustomerState s = new CustomerState(CustomerStatus.parse(rs.getString("status")), Jdbc.time(rs, "updated_at"));
                    customers.merge(rs.getString("id"), s, (old, fresh) -> fresh.updatedAt().isBefore(old.updatedAt()) ? old : fresh);
                    out.add(s.updatedAt());
                }
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
