package dev.gatehouse.store;

import dev.gatehouse.config.StoreConfig;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver settings a PostgreSQL store is opened with, seen in what the driver does: a batch of
 * INSERTs rewritten into multi-row statements reports no count for the rows it combined.
 */
class DatabasePostgresSettingsTest {
    @Test
    void should_send_batched_inserts_as_multi_row_statements() throws SQLException {
        try (Database db = Database.open(new StoreConfig(StoreFixtures.postgresUrl(), "postgres", null, 2))) {
            assertThat(insertThree(db)).containsExactly(Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO, 1);
        }
    }

    @Test
    void should_keep_the_setting_a_user_put_in_the_url() throws SQLException {
        String url = StoreFixtures.postgresUrl() + "&reWriteBatchedInserts=false";
        try (Database db = Database.open(new StoreConfig(url, "postgres", null, 2))) {
            assertThat(insertThree(db)).containsExactly(1, 1, 1);
        }
    }

    /** Three rows in one JDBC batch; the counts the driver reports. */
    private static int[] insertThree(Database db) throws SQLException {
        try (Connection c = db.connection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE batch_probe (id INTEGER PRIMARY KEY)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_probe (id) VALUES (?)")) {
                for (int id = 1; id <= 3; id++) {
                    ps.setInt(1, id);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        }
    }
}
