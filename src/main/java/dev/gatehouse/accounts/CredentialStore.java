package dev.gatehouse.accounts;

import dev.gatehouse.store.Jdbc;
import dev.gatehouse.config.Secret;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upstream credentials, sealed by the {@link Vault} before they reach the database. Listing shows
 * only which credentials exist; {@link #reveal} is for the gateway's own upstream calls and must
 * never feed an API response or a log line. Blocking JDBC: call through {@link dev.gatehouse.store.Blocking}.
 */
public final class CredentialStore {
    static final int PROVIDER_MAX = 100;
    static final int NAME_MAX = 100;
    static final int SECRET_MAX = 4000;

    private final Database db;
    private final Vault vault;
    private final Clock clock;

    public CredentialStore(Database db, Vault vault, Clock clock) {
        this.db = db;
        this.vault = vault;
        this.clock = clock;
    }

    public CredentialStore(Database db, Vault vault) { this(db, vault, Clock.systemUTC()); }

    /** Stores the credential {@code provider}/{@code name}, replacing any earlier value (its id stays). */
    public ProviderCredential put(String provider, String name, Secret value) {
        String p = Validate.text("provider", provider, PROVIDER_MAX);
        String n = Validate.text("name", name, NAME_MAX);
        String v = Validate.required("value", value).value();
        if (v.length() > SECRET_MAX) throw new AccountsException.Invalid("value", "value must be at most " + SECRET_MAX + " characters");
        String sealed = vault.encrypt(v, context(p, n));
        Instant now = Jdbc.now(clock);
        return Sql.unique("name", "credential " + p + "/" + n + " was created concurrently; try again", () -> db.inTransaction(conn -> {
            Optional<ProviderCredential> old = find(conn, p, n, true);
            if (old.isPresent()) {
                try (PreparedStatement ps = conn.prepareStatement(
                        "UPDATE provider_credentials SET ciphertext = ?, updated_at = ? WHERE id = ?")) {
                    ps.setString(1, sealed);
                    Jdbc.time(ps, 2, now);
                    ps.setString(3, old.get().id());
                    ps.executeUpdate();
                }
                return new ProviderCredential(old.get().id(), p, n, old.get().createdAt(), now);
            }
            ProviderCredential c = new ProviderCredential(Ids.next("crd"), p, n, now, now);
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO provider_credentials"
                    + " (id, provider, name, ciphertext, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, c.id());
                ps.setString(2, p);
                ps.setString(3, n);
                ps.setString(4, sealed);
                Jdbc.time(ps, 5, now);
                Jdbc.time(ps, 6, now);
                ps.executeUpdate();
            }
            return c;
        }));
    }

    /** The decrypted credential, for the gateway's own upstream calls only. */
    public Optional<Secret> reveal(String provider, String name) {
        Optional<String> sealed = db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT ciphertext FROM provider_credentials WHERE provider = ? AND name = ?")) {
                ps.setString(1, provider);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
        return sealed.map(s -> new Secret(vault.decrypt(s, context(provider, name))));
    }

    /** Which credentials exist, by provider and name; never their values. */
    public List<ProviderCredential> list() {
        return db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT id, provider, name, created_at, updated_at FROM provider_credentials ORDER BY provider, name")) {
                List<ProviderCredential> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(read(rs));
                }
                return out;
            }
        });
    }

    /** Deletes a credential; whether there was one. */
    public boolean delete(String provider, String name) {
        return db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM provider_credentials WHERE provider = ? AND name = ?")) {
                ps.setString(1, provider);
                ps.setString(2, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Binds a ciphertext to its row, so a value copied onto another credential fails to decrypt. */
    private static String context(String provider, String name) {
        return "provider_credentials:" + provider + "/" + name;
    }

    private static Optional<ProviderCredential> find(Connection conn, String provider, String name, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT id, provider, name, created_at, updated_at FROM provider_credentials"
                + " WHERE provider = ? AND name = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, provider);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static ProviderCredential read(ResultSet rs) throws SQLException {
        return new ProviderCredential(rs.getString("id"), rs.getString("provider"), rs.getString("name"),
                Jdbc.time(rs, "created_at"), Jdbc.time(rs, "updated_at"));
    }
}
