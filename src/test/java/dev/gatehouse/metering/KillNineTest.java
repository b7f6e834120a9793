package dev.gatehouse.metering;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.config.StoreConfig;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.simulator.Timing;
import dev.gatehouse.store.Database;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof that nothing billed is lost: a metered gateway in its own process, under
 * concurrent plain and streamed load, killed with SIGKILL, restarted on the same files. Every
 * response the client saw complete must then have exactly one usage record with the simulator's
 * token counts, and the ledger holds no more records than the simulator completed.
 */
class KillNineTest {
    private static final int WORKERS = 12;

    @TempDir
    Path dir;

    private final Vertx simVertx = Vertx.vertx();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        simVertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void should_bill_every_completed_response_exactly_once_after_the_gateway_is_killed_under_load() throws Exception {
        ProviderSimulator sim = ProviderSimulator.start(simVertx,
                SimulatorOptions.defaults().withTiming(new Timing(2, 2, 2000, 2))).await(10, TimeUnit.SECONDS);
        String jdbcUrl = "jdbc:h2:file:" + dir.resolve("db/gatehouse").toAbsolutePath();
        Path data = dir.resolve("data");

        Gateway first = launch(sim.port(), jdbcUrl, data, "first");
        Map<String, long[]> seenComplete = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            load.submit(() -> drive(http, first.port(), worker, stop, seenComplete));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline || seenComplete.size() < 50) Thread.sleep(50);

        first.process().destroyForcibly(); // SIGKILL, mid-load
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        load.shutdown();
        assertThat(load.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
        Map<String, long[]> expected = new HashMap<>(seenComplete);
        Thread.sleep(200); // let the simulator finish counting answers in flight when the gateway died
        long simCompleted = sim.completedCount();

        Gateway second = launch(sim.port(), jdbcUrl, data, "second");
        assertThat(second.replayed()).as("the kill left records that only the journal replay could load").isPositive();
        second.process().destroy(); // SIGTERM: a clean stop, so the test can open the H2 file
        assertThat(second.process().waitFor(15, TimeUnit.SECONDS)).isTrue();

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
        assertThat(expected.size()).as("responses the client saw complete").isGreaterThanOrEqualTo(50);
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
        try (var files = Files.list(data.resolve("journal"))) {
            assertThat(files.filter(p -> JournalSegment.parse(p) != null).toList()).as("every segment loaded and deleted").isEmpty();
        }
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

    /** Sends plain and streamed chats until stopped, noting the usage of every response read to its end. */
    private static void drive(HttpClient http, int port, int worker, AtomicBoolean stop, Map<String, long[]> seen) {
        for (int n = 0; !stop.get(); n++) {
            String id = "kill-" + worker + "-" + n;
            boolean stream = n % 2 == 0;
            String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"request " + id + "\"}]"
                    + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + MeteredGatewayMain.KEY).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) continue;
                JsonNode usage = stream ? streamUsage(response.body()) : Json.MAPPER.readTree(response.body()).get("usage");
                String requestId = response.headers().firstValue("x-request-id").orElseThrow(); // the ledger's key
                if (usage != null) seen.put(requestId, new long[]{usage.get("prompt_tokens").asLong(), usage.get("completion_tokens").asLong()});
            } catch (IOException e) {
                if (stop.get()) return;
                sleep(); // the gateway is gone or going: what did not complete is not expected in the ledger
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The usage of a complete stream (one that ended with [DONE]), else null. */
    private static JsonNode streamUsage(String sse) throws IOException {
        if (!sse.stripTrailing().endsWith("data: [DONE]")) return null;
        JsonNode usage = null;
        for (String line : sse.split("\n")) {
            if (!line.startsWith("data: {")) continue;
            JsonNode chunk = Json.MAPPER.readTree(line.substring(6));
            if (chunk.hasNonNull("usage")) usage = chunk.get("usage");
        }
        return usage;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Gateway launch(int simPort, String jdbcUrl, Path data, String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                MeteredGatewayMain.class.getName(), Integer.toString(simPort), jdbcUrl, data.toString(), Integer.toString(freePort()))
                .redirectError(log.toFile());
        Process p = pb.start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
        var ready = reader.submit(() -> {
            String line;
            while ((line = out.readLine()) != null) if (line.startsWith("READY ")) return line;
            return null;
        });
        String line;
        try {
            line = ready.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        reader.shutdown();
        assertThat(line).as("the %s gateway started; its log:%n%s", name, Files.exists(log) ? Files.readString(log) : "").isNotNull();
        String[] parts = line.split(" ");
        return new Gateway(p, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private record Gateway(Process process, int port, int replayed) {}
}
