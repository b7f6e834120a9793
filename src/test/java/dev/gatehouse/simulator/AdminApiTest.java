package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdminApiTest {
    private static final SimHarness H = new SimHarness();
    private static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @AfterAll
    static void stop() {
        H.close();
    }

    @BeforeEach
    void reset() {
        H.reset();
    }

    @Test
    void should_record_requests_with_credentials_masked() {
        H.post("/v1/chat/completions?trace=1", Map.of("authorization", "Bearer sk-secret-value", "x-custom", "v"), CHAT);
        H.post("/v1/messages", Map.of("x-api-key", "sk-ant-secret", "anthropic-version", "2023-06-01"), "{}");
        RecordedRequest first = H.sim.requests().get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/chat/completions");
        assertThat(first.query()).isEqualTo("trace=1");
        assertThat(first.header("Authorization")).isEqualTo("Bearer ***");
        assertThat(first.header("x-custom")).isEqualTo("v");
        assertThat(first.body()).isEqualTo(CHAT);
        assertThat(H.sim.requests().get(1).header("x-api-key")).isEqualTo("***");
        JsonNode served = H.get("/_sim/requests", Map.of()).json();
        assertThat(served).hasSize(2);
        assertThat(served.toString()).doesNotContain("sk-secret-value", "sk-ant-secret");
        assertThat(served.get(0).at("/headers/x-custom").asText()).isEqualTo("v");
        assertThat(H.request(HttpMethod.DELETE, "/_sim/requests", Map.of(), "").status()).isEqualTo(204);
        assertThat(H.sim.requests()).isEmpty();
    }

    @Test
    void should_keep_only_the_last_ten_thousand_requests() {
        Recorder recorder = new Recorder();
        io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < Recorder.CAPACITY + 5; i++) recorder.received("POST", "/p", null, headers, new byte[0]);
        assertThat(recorder.requests()).hasSize(Recorder.CAPACITY);
        assertThat(recorder.requests().get(0).seq()).isEqualTo(6);
        assertThat(recorder.stats().received()).isEqualTo(Recorder.CAPACITY + 5);
    }

    @Test
    void should_count_received_and_completed_by_path_and_model() {
        Map<String, String> auth = Map.of("authorization", "Bearer k");
        H.post("/v1/chat/completions", auth, CHAT);
        H.post("/v1/chat/completions", auth, CHAT.replace("gpt-4o", "fault-500"));
        H.post("/v1/embeddings", auth, "{\"model\":\"emb\",\"input\":\"x\"}");
        JsonNode stats = H.get("/_sim/stats", Map.of()).json();
        assertThat(stats.get("received").asInt()).isEqualTo(3);
        assertThat(stats.get("completed").asInt()).isEqualTo(2);
        assertThat(stats.get("failed").asInt()).isEqualTo(1);
        assertThat(stats.at("/by_path/~1v1~1chat~1completions").asInt()).isEqualTo(2);
        assertThat(stats.at("/by_model/fault-500").asInt()).isEqualTo(1);
        assertThat(stats.at("/completed_by_model/gpt-4o").asInt()).isEqualTo(1);
        assertThat(stats.at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(H.get("/_sim/stats", Map.of()).json().get("received").asInt()).as("admin calls are not counted").isEqualTo(3);
        assertThat(H.post("/_sim/reset", Map.of(), "").status()).isEqualTo(204);
        assertThat(H.sim.stats().received()).isZero();
    }

    @Test
    void should_change_timing_at_run_time_and_apply_latency() {
        JsonNode timing = H.request(HttpMethod.PUT, "/_sim/timing", Map.of(), "{\"latency_ms\":150,\"chunk_tokens\":4}").json();
        assertThat(timing.get("latency_ms").asLong()).isEqualTo(150);
        assertThat(timing.get("chunk_tokens").asInt()).isEqualTo(4);
        assertThat(timing.get("ttft_ms").asLong()).isZero();
        long start = System.nanoTime();
        assertThat(H.post("/v1/chat/completions", Map.of("authorization", "Bearer k"), CHAT).status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
        H.sim.reset();
        assertThat(H.get("/_sim/timing", Map.of()).json().get("latency_ms").asLong()).isZero();
    }

    @Test
    void should_pace_tokens_at_the_configured_rate() {
        H.sim.timing(new Timing(0, 100, 100, 1)); // 100 ms to first token, then 10 ms per token
        long start = System.nanoTime();
        H.stream("/v1/chat/completions", Map.of("authorization", "Bearer k"),
                SimHarness.json("{\"model\":\"m\",\"stream\":true,\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(100 + 10 * 10);
    }

    @Test
    void should_answer_unknown_paths_with_a_404() {
        assertThat(H.post("/v2/unknown", Map.of(), "{}").status()).isEqualTo(404);
        assertThat(H.get("/_sim/nothing", Map.of()).status()).isEqualTo(404);
    }
}
