package dev.gatehouse.accounts;

import dev.gatehouse.store.Jdbc;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Projects, always reached through their customer: blocking JDBC, call through {@link dev.gatehouse.store.Blocking}. */
public final class ProjectStore {
    static final int NAME_MAX = 200;

    private final Database db;
    private final Clock clock;

    public ProjectStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public ProjectStore(Database db) { this(db, Clock.systemUTC()); }

    public Project create(String customerId, String name) {
        Validate.required("customer_id", customerId);
        String n = Validate.text("name", name, NAME_MAX);
        Project p = new Project(Ids.next("prj"), customerId, n, Jdbc.now(clock));
        return Sql.unique("name", "customer " + customerId + " already has a project named '" + n + "'", () -> db.inTransaction(conn -> {
            if (!CustomerStore.exists(conn, customerId)) throw CustomerStore.notFound(customerId);
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO projects (id, customer_id, name, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, p.id());
                ps.setString(2, p.customerId());
                ps.setString(3, p.name());
                Jdbc.time(ps, 4, p.createdAt());
                ps.executeUpdate();
            }
            return p;
        }));
    }

    /** The project if it belongs to {@code customerId}; empty for another customer's project. */
    public Optional<Project> get(String customerId, String projectId) {
        return db.withConnection(conn -> find(conn, customerId, projectId));
    }

    public List<Project> listForCustomer(String customerId) {
        return db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT id, customer_id, name, created_at FROM projects WHERE customer_id = ? ORDER BY created_at, id")) {
                ps.setString(1, customerId);
                List<Project> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(read(rs));
                }
                return out;
            }
        });
    }

    /** Renames a project of {@code customerId}. */
    public Project rename(String customerId, String projectId, String name) {
        String n = Validate.text("name", name, NAME_MAX);
        return Sql.unique("name", "customer " + customerId + " already has a project named '" + n + "'", () -> db.inTransaction(conn -> {
            Project old = find(conn, customerId, projectId).orElseThrow(() -> notFound(projectId));
            try (PreparedStatement ps = conn.prepareStatement("UPDATE projects SET name = ? WHERE id = ? AND customer_id = ?")) {
                ps.setString(1, n);
                ps.setString(2, projectId);
                ps.setString(3, customerId);
                ps.executeUpdate();
            }
            return new Project(old.id(), old.customerId(), n, old.createdAt());
        }));
    }

    static AccountsException.NotFound notFound(String projectId) {
        return new AccountsException.NotFound("project_id", "no project " + projectId + " for this customer");
    }

    static Optional<Project> find(Connection conn, String customerId, String projectId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT id, customer_id, name, created_at FROM projects WHERE id = ? AND customer_id = ?")) {
            ps.setString(1, projectId);
            ps.setString(2, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Project read(ResultSet rs) throws SQLException {
        return new Project(rs.getString("id"), rs.getString("customer_id"), rs.getString("name"), Jdbc.time(rs, "created_at"));
    }
}
