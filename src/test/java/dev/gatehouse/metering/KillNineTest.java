package dev.gatehouse.metering;

import dev.gatehouse.config.StoreConfig;
import dev.gatehouse.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof that nothing billed is lost: a metered gateway in its own process, under
 * concurrent plain and streamed load, killed with SIGKILL, restarted on the same files. Every
 * response the client saw complete must then have exactly one usage record with the simulator's
 * token counts, and the ledger holds no more records than the simulator completed.
 */
class KillNineTest {
    @RegisterExtension
    final KillRig rig = new KillRig();

    KillNineTest() throws IOException, TimeoutException {}

    @Test
    void should_bill_every_completed_response_exactly_once_after_the_gateway_is_killed_under_load() throws Exception {
        String jdbcUrl = rig.jdbcUrl("");
        KilledGateway first = launch(jdbcUrl, "first");
        Map<String, long[]> seenComplete = new ConcurrentHashMap<>();
        KilledGateway.ClientLoad load = first.load(KilledGateway.client(), "first", seenComplete);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline || seenComplete.size() < 50) Thread.sleep(50);

        first.kill(); // SIGKILL, mid-load
        assertThat(load.stop()).isTrue();
        Map<String, long[]> expected = new HashMap<>(seenComplete);
        Thread.sleep(200); // let the simulator finish counting answers in flight when the gateway died
        long simCompleted = rig.sim().completedCount();

        KilledGateway second = launch(jdbcUrl, "second");
        assertThat(second.replayed()).as("the kill left records that only the journal replay could load").isPositive();
        second.process().destroy(); // SIGTERM: a clean stop, so the test can open the H2 file
        assertThat(second.process().waitFor(15, TimeUnit.SECONDS)).isTrue();

        assertThat(expected.size()).as("responses the client saw complete").isGreaterThanOrEqualTo(50);
        assertBilledExactlyOnce(jdbcUrl, expected, simCompleted);
        try (var files = Files.list(rig.dataDir().resolve("journal"))) {
            assertThat(files.filter(p -> JournalSegment.parse(p) != null).toList()).as("every segment loaded and deleted").isEmpty();
        }
    }

    /**
     * The ledger at {@code jdbcUrl} (no gateway may hold it open) has exactly one record, with the
     * simulator's token counts and their cost, for every response in {@code expected}, and no more
     * records than the simulator completed.
     */
    static void assertBilledExactlyOnce(String jdbcUrl, Map<String, long[]> expected, long simCompleted) {
        Map<String, long[]> ledger = new HashMap<>();
        long rows;
        try (Database db = Database.open(new StoreConfig(jdbcUrl, "gatehouse", null, 2))) {
            rows = LedgerLoaderTest.count(db, "SELECT COUNT(*) FROM usage_records");
            assertThat(LedgerLoaderTest.count(db, "SELECT COUNT(DISTINCT request_id) FROM usage_records"))
                    .as("one record per request id; twice: %s", duplicates(db)).isEqualTo(rows);
            db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT request_id, input_tokens, output_tokens, status,"
                        + " tokens_reported, cost_usd_nanos, provider, upstream_model, price_id, ts FROM usage_records");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ledger.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getInt(4),
                                rs.getBoolean(5) ? 1 : 0, rs.getLong(6)});
                    }
                    return null;
                }
            });
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            long[] row = ledger.get(e.getKey());
            if (row == null) {
                missing.add(e.getKey());
                continue;
            }
            long in = e.getValue()[0];
            long out = e.getValue()[1];
            assertThat(row).as("record of %s", e.getKey())
                    .containsExactly(in, out, 200, 1, (in * 2_500 + out * 10_000)); // $2.5 and $10 per million
        }
        assertThat(missing).as("completed responses without a usage record").isEmpty();
        assertThat(rows).as("no more records than the simulator completed").isLessThanOrEqualTo(simCompleted);
    }

    /** Every row whose request id has more than one, as text: what a failure must show. */
    private static List<String> duplicates(Database db) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT request_id, ts, status, input_tokens, output_tokens,"
                    + " latency_ms FROM usage_records WHERE request_id IN"
                    + " (SELECT request_id FROM usage_records GROUP BY request_id HAVING COUNT(*) > 1) ORDER BY request_id, ts");
                 ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " ts=" + rs.getObject(2) + " status=" + rs.getInt(3) + " in=" + rs.getLong(4)
                            + " out=" + rs.getLong(5) + " latency_ms=" + rs.getInt(6));
                }
                return rows;
            }
        });
    }

    private KilledGateway launch(String jdbcUrl, String name) throws Exception {
        KilledGateway g = rig.launch(jdbcUrl, name);
        assertThat(g.started()).as("the %s gateway started; its log:%n%s", name, g.logText()).isTrue();
        return g;
    }
}
