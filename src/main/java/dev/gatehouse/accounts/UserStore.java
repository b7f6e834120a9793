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
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Console users with Argon2id-hashed passwords: blocking JDBC (and deliberately slow hashing), call
 * through {@link dev.gatehouse.store.Blocking}. Emails are unique across the whole gateway.
 */
public final class UserStore {
    static final int PASSWORD_MIN = 10;
    static final int PASSWORD_MAX = 200;
    private static final String COLUMNS = "id, customer_id, email, role, created_at, disabled_at";

    private final Database db;
    private final Clock clock;

    public UserStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public UserStore(Database db) { this(db, Clock.systemUTC()); }

    public User create(NewUser in) {
        String email = Validate.email("email", in.email());
        Role role = Validate.required("role", in.role());
        String hash = Passwords.hash(checkPassword(in.password()));
        User u = new User(Ids.next("usr"), in.customerId(), email, role, Jdbc.now(clock), null);
        return Sql.unique("email", "a user with email " + email + " already exists", () -> db.inTransaction(conn -> {
            if (u.customerId() != null && !CustomerStore.exists(conn, u.customerId())) throw CustomerStore.notFound(u.customerId());
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO users (id, customer_id, email, password_hash, role, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, u.id());
                Jdbc.text(ps, 2, u.customerId());
                ps.setString(3, email);
                ps.setString(4, hash);
                ps.setString(5, role.wire());
                Jdbc.time(ps, 6, u.createdAt());
                ps.executeUpdate();
            }
            return u;
        }));
    }

    /**
     * The user whose email and password these are, if enabled; empty otherwise. An unknown email
     * costs as much time as a wrong password, so timing does not tell which emails exist.
     */
    public Optional<User> verifyPassword(String email, Secret password) {
        if (email == null || password == null) return Optional.empty();
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        record Row(User user, String hash) {}
        Optional<Row> row = db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + ", password_hash FROM users WHERE email = ?")) {
                ps.setString(1, normalized);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(read(rs), rs.getString("password_hash"))) : Optional.empty();
                }
            }
        });
        if (row.isEmpty()) {
            Passwords.verifyNothing(password.value());
            return Optional.empty();
        }
        boolean ok = Passwords.verify(password.value(), row.get().hash());
        return ok && !row.get().user().disabled() ? Optional.of(row.get().user()) : Optional.empty();
    }

    public Optional<User> get(String userId) {
        return db.withConnection(conn -> find(conn, userId));
    }

    /** The user if it belongs to {@code customerId}; empty for another customer's user or a staff member. */
    public Optional<User> get(String customerId, String userId) {
        return get(userId).filter(u -> Objects.equals(u.customerId(), customerId) && customerId != null);
    }

    /** Users of {@code customerId}, or the operator's staff when it is null. */
    public List<User> listForCustomer(String customerId) {
        return db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE "
                    + (customerId == null ? "customer_id IS NULL" : "customer_id = ?") + " ORDER BY created_at, id")) {
                if (customerId != null) ps.setString(1, customerId);
                List<User> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(read(rs));
                }
                return out;
            }
        });
    }

    /** Disables a user (they can no longer sign in); disabling twice keeps the first time. */
    public User disable(String userId) {
        return db.inTransaction(conn -> {
            User u = find(conn, userId).orElseThrow(() -> notFound(userId));
            if (u.disabled()) return u;
            Instant now = Jdbc.now(clock);
            try (PreparedStatement ps = conn.prepareStatement("UPDATE users SET disabled_at = ? WHERE id = ?")) {
                Jdbc.time(ps, 1, now);
                ps.setString(2, userId);
                ps.executeUpdate();
            }
            return new User(u.id(), u.customerId(), u.email(), u.role(), u.createdAt(), now);
        });
    }

    public void changePassword(String userId, Secret password) {
        String hash = Passwords.hash(checkPassword(password));
        int n = db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
                ps.setString(1, hash);
                ps.setString(2, userId);
                return ps.executeUpdate();
            }
        });
        if (n == 0) throw notFound(userId);
    }

    private static String checkPassword(Secret password) {
        String p = Validate.required("password", password).value();
        if (p.length() < PASSWORD_MIN || p.length() > PASSWORD_MAX) {
            throw new AccountsException.Invalid("password", "password must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters long");
        }
        return p;
    }

    private static AccountsException.NotFound notFound(String userId) {
        return new AccountsException.NotFound("user_id", "no user " + userId);
    }

    private static Optional<User> find(Connection conn, String userId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static User read(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("customer_id"), rs.getString("email"), Role.parse(rs.getString("role")),
                Jdbc.time(rs, "created_at"), Jdbc.time(rs, "disabled_at"));
    }
}
