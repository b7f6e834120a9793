package dev.gatehouse.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.TestAudit;
import dev.gatehouse.audit.VerifyResult;
import dev.gatehouse.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schema's CHECK constraints keep working once the pool has retired every connection it had.
 * H2 2.4.240 binds a {@code CHECK (x IN (...))} to the session that ran its DDL (H2 issues #4291,
 * #4302): when the pool retired the connection that had run the migrations, every insert into such
 * a table failed with "Check constraint invalid". In a benchmark run the audit writer met it after
 * 23 minutes and, retrying in order, held every request until 503 {@code recording_backlog}. The
 * migrations now run on a {@link SchemaSession} outside the pool. Here the pool evicts all its
 * connections while another connection keeps the database open, as a long-running gateway's pool
 * does over its connections' lifetimes.
 */
class CheckConstraintSessionsTest {
    @TempDir
    Path dir;

    @Test
    void should_check_rows_after_the_pool_has_retired_every_connection_it_had() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        try (Database db = Database.open(new StoreConfig(url, "gatehouse", null, 2));
             Connection keepsItOpen = DriverManager.getConnection(url, "gatehouse", "")) {
            HikariPoolMXBean pool = ((HikariDataSource) db.dataSource()).getHikariPoolMXBean();
            pool.softEvictConnections(); // every idle connection closes now
            assertThat(keepsItOpen.isValid(1)).as("the database stays open, with the pool's first connections gone").isTrue();

            assertConstraintsWork(db);
        }
    }

    /** An in-memory store outlives its first {@code Database} (it is kept until the JVM ends), and may be opened again. */
    @Test
    void should_check_rows_in_an_in_memory_store_opened_again_in_the_same_process() {
        StoreConfig config = new StoreConfig("jdbc:h2:mem:constraints_" + Ids.random(12), "sa", null, 2);
        Database.open(config).close();
        try (Database db = Database.open(config)) {
            assertConstraintsWork(db);
        }
    }

    private static void assertConstraintsWork(Database db) {
        AuditRecord appended = TestAudit.log(db).append(AuditEntry.of(AuditCategory.KYC, "reviewer", "cip.verify", "cus_1"));
        assertThat(appended.seq()).isEqualTo(1);
        assertThat(TestAudit.verify(db)).isInstanceOf(VerifyResult.Ok.class);
        // and a constraint still refuses what it must, as a violation rather than an error of its own
        assertThatThrownBy(() -> db.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO customers (id, name, kind, country, status, created_at, updated_at)"
                        + " VALUES ('cus_x', 'X', 'corporation', 'US', 'active', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
        })).hasStackTraceContaining("Check constraint violation");
    }
}
