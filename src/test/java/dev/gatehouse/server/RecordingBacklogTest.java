package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.metering.Journal;
import dev.gatehouse.metering.UsageRecord;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.TempDirs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the audit log's writer (here: its database row locked by another transaction) or the usage
 * ledger's loading (here: its table renamed away) falls behind, the gateway holds new requests back
 * before forwarding anything, instead of serving requests it could not record: a held request goes
 * on once the recorder has caught up, or is refused with 503 {@code recording_backlog} after waiting
 * too long. No entry or record queued meanwhile is lost.
 */
class RecordingBacklogTest {
    private static final String KEY = "sk-gatehouse-backlog-test";
    private static Vertx vertx;
    private static ProviderSimulator sim;
    private static Gateway gw;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).await();
        Path dir = TempDirs.create("backlog-it");
        Path configFile = dir.resolve("gatehouse.yaml");
        Files.writeString(configFile, """
                server: {host: 127.0.0.1, port: 0, event_loops: 1}
                api_keys: [{name: test, key: %s}]
                providers:
                  openai: {type: openai, base_url: 'http://127.0.0.1:%d/v1', api_key: sim-key}
                routes:
                  gpt-4o: {deployments: [{provider: openai, model: gpt-4o}]}
                audit: {log_request_decisions: true}
                policy: {packs: []}
                """.formatted(KEY, sim.port()));
        var config = ConfigLoader.fromSystemEnvironment().load(configFile).withPort(0)
                .withData("jdbc:h2:mem:backlog-" + System.nanoTime(), dir.toString());
        gw = Gateway.start(config, configFile, List.of()).await();
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close().await();
        if (vertx != null) vertx.close().await();
    }

    @Test
    void should_hold_requests_until_the_audit_writer_catches_up_refuse_after_too_long_and_lose_no_entry() throws Exception {
        assertThat(chat().join().statusCode()).isEqualTo(200);
        Subsystems s = gw.subsystems();
        long before = count("SELECT COUNT(*) FROM audit_log");
        int queued = 6_000; // more than half of the audit queue's 10,000 entries
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        try (Connection holder = s.db().connection()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeQuery("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE").close(); // the writer now waits
            }
            for (int i = 0; i < queued; i++) {
                s.auditSink().submit(new AuditEntry(AuditCategory.ADMIN, "test", "backlog.fill", "e" + i, null, null));
            }
            sim.clearRequests();

            HttpResponse<String> refused = chat().join(); // held for the longest wait (5 s), then refused

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
            JsonNode error = Json.MAPPER.readTree(refused.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("recording_backlog");
            assertThat(error.path("message").asText()).contains("audit log");

            for (int i = 0; i < 20; i++) held.add(chat());
            Thread.sleep(500);
            assertThat(held).as("still held back").noneMatch(CompletableFuture::isDone);
            assertThat(sim.requests()).as("nothing was forwarded while the writer was behind").isEmpty();
            holder.rollback();
        }
        for (CompletableFuture<HttpResponse<String>> f : held) {
            HttpResponse<String> served = f.get(30, TimeUnit.SECONDS);
            assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        }
        assertThat(sim.requests()).hasSize(held.size());
        GatewayHarness.await("every queued entry to be written", Duration.ofSeconds(30),
                () -> s.auditQueueStats().pending() == 0 && s.auditQueueStats().written() >= s.auditQueueStats().accepted());
        assertThat(s.auditQueueStats().dropped()).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'backlog.fill'")).isEqualTo(queued);
        assertThat(count("SELECT COUNT(*) FROM audit_log")).isGreaterThan(before + queued);
    }

    @Test
    void should_hold_requests_while_the_ledger_is_32_mib_behind_refuse_after_too_long_and_load_every_record() throws Exception {
        Subsystems s = gw.subsystems();
        Journal journal = s.journal();
        try (Connection c = s.db().connection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE usage_records RENAME TO usage_records_away"); // loading now fails and is retried
        }
        int appended = 0;
        List<Future<Void>> written = new ArrayList<>();
        while (journal.unloadedBytes() <= 32L * 1024 * 1024) {
            for (int i = 0; i < 2_000; i++, appended++) written.add(journal.append(fatRecord(appended)));
            Future.all(written).await(30, TimeUnit.SECONDS);
            written.clear();
        }
        sim.clearRequests();

        HttpResponse<String> refused = chat().join(); // held for the longest wait (5 s), then refused

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        JsonNode error = Json.MAPPER.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("recording_backlog");
        assertThat(error.path("message").asText()).contains("ledger");
        assertThat(sim.requests()).as("nothing was forwarded while the ledger was behind").isEmpty();

        try (Connection c = s.db().connection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE usage_records_away RENAME TO usage_records");
        }
        GatewayHarness.await("the ledger to catch up", Duration.ofSeconds(60), () -> journal.unloadedBytes() < 32L * 1024 * 1024);
        assertThat(chat().join().statusCode()).isEqualTo(200);
        int filled = appended;
        GatewayHarness.await("every journaled record in the ledger", Duration.ofSeconds(60),
                () -> count("SELECT COUNT(*) FROM usage_records WHERE request_id LIKE 'req_fill_%'") == filled);
        String refusedId = refused.headers().firstValue("x-request-id").orElseThrow();
        GatewayHarness.await("the refused request in the ledger, with its code", Duration.ofSeconds(30),
                () -> count("SELECT COUNT(*) FROM usage_records WHERE request_id = '" + refusedId
                        + "' AND status = 503 AND error_code = 'recording_backlog'") == 1);
    }

    /** A record with its text columns near their widths, so that 32 MiB of journal takes fewer of them. */
    private static UsageRecord fatRecord(int i) {
        return new UsageRecord(Instant.now(), "req_fill_" + i, "cus_fill", "prj_fill", "key_fill", "r".repeat(190),
                "p".repeat(90), "m".repeat(190), "US", 200, null, 100, 50, 0, true, 1_000, 7_000, null, 10, 5);
    }

    private static CompletableFuture<HttpResponse<String>> chat() {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chat("gpt-4o", "Hello"))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) {
        try (Connection c = gw.subsystems().db().connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
