package dev.gatehouse.store;

import dev.gatehouse.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings an embedded file database is opened with, read back from the open database. */
class DatabaseH2SettingsTest {
    @TempDir
    Path dir;

    @Test
    void should_open_a_file_database_with_the_short_write_delay_and_the_small_cache() throws SQLException {
        try (Database db = Database.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", null, 2))) {
            assertThat(setting(db, "WRITE_DELAY")).isEqualTo(Integer.toString(Database.H2_WRITE_DELAY_MS));
            // the cache H2 actually has, in MB (16 unless told otherwise)
            assertThat(setting(db, "info.CACHE_MAX_SIZE")).isEqualTo(Integer.toString(Database.H2_CACHE_SIZE_KB / 1024));
            assertThat(setting(db, "MODE")).isEqualTo("PostgreSQL");
        }
    }

    @Test
    void should_keep_the_write_delay_and_cache_size_a_user_put_in_the_url() throws SQLException {
        try (Database db = Database.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db") + ";write_delay=200;Cache_Size=32768", "sa", null, 2))) {
            assertThat(setting(db, "WRITE_DELAY")).isEqualTo("200");
            assertThat(setting(db, "info.CACHE_MAX_SIZE")).isEqualTo("32");
        }
    }

    private static String setting(Database db, String name) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT setting_value FROM information_schema.settings WHERE setting_name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("setting %s present", name).isTrue();
                return rs.getString(1);
            }
        }
    }
}
