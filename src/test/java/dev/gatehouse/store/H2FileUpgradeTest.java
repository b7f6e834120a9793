package dev.gatehouse.store;

import dev.gatehouse.config.StoreConfig;
import dev.gatehouse.metering.LedgerLoader;
import dev.gatehouse.metering.UsageRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embedded store written by an H2 release Gatehouse shipped before (2.3.232, 2.4.240 and
 * 2.5.252, every migration up to V11 applied, one ledger row) opens with the current one: neither an
 * upgrade nor the return from 2.5.252 to 2.4.240 may strand a ledger. Each fixture was made by
 * {@code Database.open} and {@code LedgerLoader.insert} on that H2 release.
 */
class H2FileUpgradeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"2.3.232", "2.4.240", "2.5.252"})
    void should_open_and_extend_a_ledger_written_by_an_earlier_h2(String release) throws IOException {
        try (InputStream gz = getClass().getResourceAsStream("/store/ledger-written-by-h2-" + release + ".mv.db.gz")) {
            assertThat(gz).as("fixture").isNotNull();
            Files.copy(new GZIPInputStream(gz), dir.resolve("db.mv.db"));
        }
        StoreConfig config = new StoreConfig("jdbc:h2:file:" + dir.resolve("db"), "gatehouse", null, 2);
        try (Database db = Database.open(config)) {
            assertThat(rows(db)).containsExactly("req_old 2026-11-20T10:00:00.123456Z 30 100");
            UsageRecord replayed = new UsageRecord(Instant.parse("2026-11-20T10:00:00.123456Z"), "req_old", "cus_1", null, null,
                    "gpt-4o", "openai", "gpt-4o", "us", 200, null, 10, 20, 0, true, 100, 0, null, 5, null);
            UsageRecord next = new UsageRecord(Instant.parse("2026-11-24T08:00:00Z"), "req_new", "cus_1", null, null,
                    "gpt-4o", "openai", "gpt-4o", "us", 200, null, 1, 2, 0, true, 7, 0, null, 5, null);
            assertThat(LedgerLoader.insert(db, List.of(replayed, next))).as("the old row's key still dedupes").isEqualTo(1);
        }
        try (Database db = Database.open(config)) {
            assertThat(rows(db)).containsExactly("req_new 2026-11-24T08:00:00Z 3 7", "req_old 2026-11-20T10:00:00.123456Z 30 100");
        }
    }

    /** Each ledger row as "request time tokens cost", by request id. */
    private static List<String> rows(Database db) {
        return db.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT request_id, ts, input_tokens + output_tokens,"
                    + " cost_usd_nanos FROM usage_records ORDER BY request_id")) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getObject(2, OffsetDateTime.class).toInstant() + " "
                            + rs.getLong(3) + " " + rs.getLong(4));
                }
                return out;
            }
        });
    }
}
