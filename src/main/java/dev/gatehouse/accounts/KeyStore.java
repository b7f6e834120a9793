package dev.gatehouse.accounts;

import dev.gatehouse.store.Jdbc;
import dev.gatehouse.config.Secret;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Ids;
import dev.gatehouse.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Virtual API keys: blocking JDBC, call through {@link dev.gatehouse.store.Blocking}. The secret
 * exists only in the {@link CreatedKey} that {@link #create} returns; the store keeps its SHA-256.
 * Revocations are told to {@link AccountChanges} so this instance rejects the key at once.
 */
public final class KeyStore {
    static final int NAME_MAX = 200;
    static final int ROUTE_MAX = 200;
    static final int MODELS_MAX = 4000;
    static final String COLUMNS = "id, kind, prefix, name, customer_id, project_id, role, models, expires_at, revoked_at, "
            + "last_used_at, created_at";

    private final Database db;
    private final AccountChanges changes;
    private final Clock clock;

    public KeyStore(Database db, AccountChanges changes, Clock clock) {
        this.db = db;
        this.changes = changes;
        this.clock = clock;
    }

    public KeyStore(Database db, AccountChanges changes) { this(db, changes, Clock.systemUTC()); }

    /** Creates a key; the returned secret is the only copy there will ever be. */
    public CreatedKey create(NewApiKey in) {
        KeyKind kind = Validate.required("kind", in.kind());
        String name = Validate.optionalText("name", in.name(), NAME_MAX);
        String models = models(in.models());
        Instant now = Jdbc.now(clock);
        if (in.expiresAt() != null && !in.expiresAt().isAfter(now)) {
            throw new AccountsException.Invalid("expires_at", "expires_at must be in the future");
        }
        if (kind == KeyKind.CLIENT) {
            Validate.required("customer_id", in.customerId());
            if (in.role() != null) throw new AccountsException.Invalid("role", "only admin keys have a role");
        } else {
            Validate.required("role", in.role());
            if (in.projectId() != null) throw new AccountsException.Invalid("project_id", "admin keys belong to no project");
            if (models != null) throw new AccountsException.Invalid("models", "admin keys have no model scope");
        }
        for (int attempt = 0; ; attempt++) {
            String secret = ApiKeySecrets.generate();
            ApiKey key = new ApiKey(Ids.next("key"), kind, ApiKeySecrets.prefixOf(secret), name, in.customerId(),
                    in.projectId(), in.role(), in.models() == null ? null : parseModels(models), Jdbc.truncate(in.expiresAt()),
                    null, null, now);
            try {
                insert(key, ApiKeySecrets.hash(secret), models, now);
            } catch (StoreException e) {
                // 40 random bits of prefix: a collision is rare; a new key settles it
                if (e.isDuplicate() && attempt < 3) continue;
                throw e;
            }
            changes.keyChanged(key.id());
            return new CreatedKey(key, new Secret(secret));
        }
    }

    /** Any key by id (operator use). */
    public Optional<ApiKey> get(String keyId) {
        return db.withConnection(conn -> find(conn, keyId));
    }

    /** The key if it belongs to {@code customerId}; empty for another customer's key. */
    public Optional<ApiKey> get(String customerId, String keyId) {
        return get(keyId).filter(k -> customerId != null && customerId.equals(k.customerId()));
    }

    /** Every key of a customer, newest first. */
    public List<ApiKey> listForCustomer(String customerId) {
        return list("customer_id = ?", customerId);
    }

    /** The operator's own admin keys (those of no customer), newest first. */
    public List<ApiKey> listOperatorKeys() {
        return list("customer_id IS NULL", null);
    }

    /** Revokes any key (operator use); revoking twice keeps the first time. */
    public ApiKey revoke(String keyId) {
        return revokeWhere(keyId, null);
    }

    /** Revokes a key of {@code customerId}; another customer's key is {@link AccountsException.NotFound}. */
    public ApiKey revoke(String customerId, String keyId) {
        return revokeWhere(keyId, Validate.required("customer_id", customerId));
    }

    /** Records when keys were last used, without touching {@code updated_at} (no directory churn). */
    void recordLastUsed(Map<String, Instant> lastUsed) {
        if (lastUsed.isEmpty()) return;
        db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
                for (Map.Entry<String, Instant> e : lastUsed.entrySet()) {
                    Instant t = Jdbc.truncate(e.getValue());
                    Jdbc.time(ps, 1, t);
                    ps.setString(2, e.getKey());
                    Jdbc.time(ps, 3, t);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    private ApiKey revokeWhere(String keyId, String customerId) {
        ApiKey key = db.inTransaction(conn -> {
            ApiKey k = find(conn, keyId).filter(x -> customerId == null || customerId.equals(x.customerId()))
                    .orElseThrow(() -> new AccountsException.NotFound("key_id", "no key " + keyId));
            if (k.revoked()) return k;
            Instant now = Jdbc.now(clock);
            try (PreparedStatement ps = conn.prepareStatement("UPDATE api_keys SET revoked_at = ?, updated_at = ? WHERE id = ?")) {
                Jdbc.time(ps, 1, now);
                Jdbc.time(ps, 2, now);
                ps.setString(3, keyId);
                ps.executeUpdate();
            }
            return new ApiKey(k.id(), k.kind(), k.prefix(), k.name(), k.customerId(), k.projectId(), k.role(), k.models(),
                    k.expiresAt(), now, k.lastUsedAt(), k.createdAt());
        });
        changes.keyChanged(keyId);
        return key;
    }

    private void insert(ApiKey k, String hash, String models, Instant now) {
        db.inTransaction(conn -> {
            if (k.customerId() != null && !CustomerStore.exists(conn, k.customerId())) throw CustomerStore.notFound(k.customerId());
            if (k.projectId() != null && ProjectStore.find(conn, k.customerId(), k.projectId()).isEmpty()) {
                throw ProjectStore.notFound(k.projectId());
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO api_keys (" + COLUMNS
                    + ", secret_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, k.id());
                ps.setString(2, k.kind().wire());
                ps.setString(3, k.prefix());
                Jdbc.text(ps, 4, k.name());
                Jdbc.text(ps, 5, k.customerId());
                Jdbc.text(ps, 6, k.projectId());
                Jdbc.text(ps, 7, k.role() == null ? null : k.role().wire());
                Jdbc.text(ps, 8, models);
                Jdbc.time(ps, 9, k.expiresAt());
                Jdbc.time(ps, 10, null);
                Jdbc.time(ps, 11, null);
                Jdbc.time(ps, 12, k.createdAt());
                ps.setString(13, hash);
                Jdbc.time(ps, 14, now);
                return ps.executeUpdate();
            }
        });
    }

    private List<ApiKey> list(String where, String arg) {
        return db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE " + where
                    + " ORDER BY created_at DESC, id")) {
                if (arg != null) ps.setString(1, arg);
                List<ApiKey> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(read(rs));
                }
                return out;
            }
        });
    }

    private static Optional<ApiKey> find(Connection conn, String keyId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static ApiKey read(ResultSet rs) throws SQLException {
        String role = rs.getString("role");
        return new ApiKey(rs.getString("id"), KeyKind.parse(rs.getString("kind")), rs.getString("prefix"), rs.getString("name"),
                rs.getString("customer_id"), rs.getString("project_id"), role == null ? null : Role.parse(role),
                parseModels(rs.getString("models")), Jdbc.time(rs, "expires_at"), Jdbc.time(rs, "revoked_at"),
                Jdbc.time(rs, "last_used_at"), Jdbc.time(rs, "created_at"));
    }

    /** The stored form of a model scope: route names, sorted, comma-separated; null for every route. */
    private static String models(Set<String> models) {
        if (models == null) return null;
        if (models.isEmpty()) {
            throw new AccountsException.Invalid("models", "models must name at least one route, or be left out to allow every route");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String m : models) {
            String r = Validate.text("models", m, ROUTE_MAX);
            if (r.contains(",")) throw new AccountsException.Invalid("models", "a route name must not contain a comma: '" + r + "'");
            sorted.add(r);
        }
        String joined = String.join(",", sorted);
        if (joined.length() > MODELS_MAX) {
            throw new AccountsException.Invalid("models", "models must list at most " + MODELS_MAX + " characters of route names");
        }
        return joined;
    }

    static Set<String> parseModels(String stored) {
        return stored == null ? null : Set.of(stored.split(","));
    }
}
