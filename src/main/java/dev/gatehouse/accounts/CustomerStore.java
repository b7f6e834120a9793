package dev.gatehouse.accounts;

import dev.gatehouse.store.Jdbc;
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

/** Customers: blocking JDBC, call through {@link dev.gatehouse.store.Blocking}. */
public final class CustomerStore {
    static final int NAME_MAX = 300;
    private static final String COLUMNS = "id, name, kind, country, email, phone, status, created_at, closed_at";

    private final Database db;
    private final AccountChanges changes;
    private final Clock clock;

    public CustomerStore(Database db, AccountChanges changes, Clock clock) {
        this.db = db;
        this.changes = changes;
        this.clock = clock;
    }

    public CustomerStore(Database db, AccountChanges changes) { this(db, changes, Clock.systemUTC()); }

    public Customer create(NewCustomer in) {
        String name = Validate.text("name", in.name(), NAME_MAX);
        CustomerKind kind = Validate.required("kind", in.kind());
        String country = Validate.country("country", in.country());
        String email = Validate.optionalEmail("email", in.email());
        String phone = Validate.optionalPhone("phone", in.phone());
        CustomerStatus status = in.status() == null ? CustomerStatus.ACTIVE : in.status();
        Instant now = Jdbc.now(clock);
        Customer c = new Customer(Ids.next("cus"), name, kind, country, email, phone, status, now,
                status == CustomerStatus.CLOSED ? now : null);
        Sql.unique("name", "a customer named '" + name + "' already exists", () -> db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO customers (" + COLUMNS
                    + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, c.id());
                ps.setString(2, c.name());
                ps.setString(3, c.kind().wire());
                ps.setString(4, c.country());
                Jdbc.text(ps, 5, c.email());
                Jdbc.text(ps, 6, c.phone());
                ps.setString(7, c.status().wire());
                Jdbc.time(ps, 8, now);
                Jdbc.time(ps, 9, c.closedAt());
                Jdbc.time(ps, 10, now);
                return ps.executeUpdate();
            }
        }));
        changes.customerChanged(c.id());
        return c;
    }

    public Optional<Customer> get(String id) {
        return db.withConnection(conn -> find(conn, id, false));
    }

    /** Customers in creation order. */
    public Page<Customer> list(int offset, int limit) {
        Page.check(offset, limit);
        return db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS
                    + " FROM customers ORDER BY created_at, id LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit + 1);
                ps.setInt(2, offset);
                List<Customer> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(read(rs));
                }
                if (out.size() <= limit) return new Page<>(out, null);
                return new Page<>(out.subList(0, limit), offset + limit);
            }
        });
    }

    /** Changes the given details (null: unchanged); the customer as it now is. */
    public Customer update(String id, CustomerUpdate in) {
        String name = in.name() == null ? null : Validate.text("name", in.name(), NAME_MAX);
        String country = in.country() == null ? null : Validate.country("country", in.country());
        String email = Validate.optionalEmail("email", in.email());
        String phone = Validate.optionalPhone("phone", in.phone());
        return Sql.unique("name", "a customer named '" + name + "' already exists", () -> db.inTransaction(conn -> {
            Customer old = find(conn, id, true).orElseThrow(() -> notFound(id));
            Customer c = new Customer(id, name != null ? name : old.name(), in.kind() != null ? in.kind() : old.kind(),
                    country != null ? country : old.country(), email != null ? email : old.email(),
                    phone != null ? phone : old.phone(), old.status(), old.createdAt(), old.closedAt());
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE customers SET name = ?, kind = ?, country = ?, email = ?, phone = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, c.name());
                ps.setString(2, c.kind().wire());
                ps.setString(3, c.country());
                Jdbc.text(ps, 4, c.email());
                Jdbc.text(ps, 5, c.phone());
                Jdbc.time(ps, 6, Jdbc.now(clock));
                ps.setString(7, id);
                ps.executeUpdate();
            }
            return c;
        }));
    }

    /**
     * Moves a customer to {@code status}; closing records the time and is final. Keys of a
     * customer that is not active stop working on this instance at once, elsewhere within a refresh.
     */
    public Customer changeStatus(String id, CustomerStatus status) {
        Validate.required("status", status);
        Customer c = db.inTransaction(conn -> {
            Customer old = find(conn, id, true).orElseThrow(() -> notFound(id));
            if (old.status() == status) return old;
            if (old.status() == CustomerStatus.CLOSED) {
                throw new AccountsException.Invalid("status", "customer " + id + " is closed; a closed customer cannot be reopened");
            }
            Instant now = Jdbc.now(clock);
            Instant closedAt = status == CustomerStatus.CLOSED ? now : null;
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE customers SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, status.wire());
                Jdbc.time(ps, 2, closedAt);
                Jdbc.time(ps, 3, now);
                ps.setString(4, id);
                ps.executeUpdate();
            }
            return new Customer(id, old.name(), old.kind(), old.country(), old.email(), old.phone(), status,
                    old.createdAt(), closedAt);
        });
        changes.customerChanged(id);
        return c;
    }

    static AccountsException.NotFound notFound(String id) {
        return new AccountsException.NotFound("customer_id", "no customer " + id);
    }

    /** Whether the customer exists, inside a caller's transaction (projects, keys and users check it). */
    static boolean exists(Connection conn, String id) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM customers WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Optional<Customer> find(Connection conn, String id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM customers WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Customer read(ResultSet rs) throws SQLException {
        return new Customer(rs.getString("id"), rs.getString("name"), CustomerKind.parse(rs.getString("kind")),
                rs.getString("country"), rs.getString("email"), rs.getString("phone"),
                CustomerStatus.parse(rs.getString("status")), Jdbc.time(rs, "created_at"), Jdbc.time(rs, "closed_at"));
    }
}
