package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testkit.OpenAiSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.gatehouse.simulator.SimHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

class FaultsTest {
    private static final SimHarness H = new SimHarness();
    private static final Map<String, String> AUTH = Map.of("authorization", "Bearer sk-test");

    @AfterAll
    static void stop() {
        H.close();
    }

    @BeforeEach
    void reset() {
        H.reset();
    }

    private static JsonNode chat(String model, boolean stream) {
        return json("{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void should_answer_a_status_fault_in_the_dialects_error_shape_with_retry_after_for_the_given_times() {
        H.sim.addFault(Fault.status(429).forModel("gpt-4o").times(2));
        for (int i = 0; i < 2; i++) {
            SimHarness.Response r = H.post("/v1/chat/completions", AUTH, chat("gpt-4o", false));
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.headers().get("retry-after")).isEqualTo("1");
            OpenAiSpec.assertValid("ErrorResponse", r.json());
        }
        assertThat(H.post("/v1/chat/completions", AUTH, chat("gpt-4o", false)).status()).isEqualTo(200);
        assertThat(H.post("/v1/chat/completions", AUTH, chat("gpt-4o-mini", false)).status()).isEqualTo(200);
        assertThat(H.sim.stats().failed()).isEqualTo(2);
        assertThat(H.sim.completedCount()).isEqualTo(2);
    }

    @Test
    void should_shape_status_faults_for_anthropic_and_match_by_path() {
        H.sim.addFault(Fault.status(529).forPath("/v1/messages"));
        SimHarness.Response r = H.post("/v1/messages", Map.of("x-api-key", "k", "anthropic-version", "2023-06-01"),
                "{\"model\":\"claude\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(r.status()).isEqualTo(529);
        assertThat(r.json().at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(H.post("/v1/chat/completions", AUTH, chat("gpt-4o", false)).status()).isEqualTo(200);
    }

    @Test
    void should_send_a_raw_body_when_the_fault_has_one() {
        H.sim.addFault(Fault.status(503).body("upstream connect error"));
        SimHarness.Response r = H.post("/v1/chat/completions", AUTH, chat("gpt-4o", false));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("upstream connect error");
    }

    @Test
    void should_fail_models_named_by_the_fault_convention() {
        assertThat(H.post("/v1/chat/completions", AUTH, chat("fault-500", false)).status()).isEqualTo(500);
        SimHarness.Response limited = H.post("/openai/deployments/gpt-fault-429/chat/completions?api-version=2024-10-21",
                Map.of("api-key", "k"), chat("x", false).toString());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().get("retry-after")).isEqualTo("1");
    }

    @Test
    void should_never_answer_a_hang_so_the_clients_timeout_fires() {
        H.sim.addFault(Fault.of(Fault.Kind.HANG));
        long start = System.nanoTime();
        Throwable failure = H.failureOf("/v1/chat/completions", AUTH, chat("gpt-4o", false), 300);
        assertThat(failure).isNotNull();
        assertThat(failure.getClass().getSimpleName() + failure.getMessage()).containsIgnoringCase("timeout");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(H.sim.stats().received()).isEqualTo(1);
    }

    @Test
    void should_close_the_connection_before_answering_a_reset() {
        H.sim.addFault(Fault.of(Fault.Kind.RESET).times(1));
        assertThat(H.failureOf("/v1/chat/completions", AUTH, chat("gpt-4o", false), 0)).isNotNull();
        assertThat(H.post("/v1/chat/completions", AUTH, chat("gpt-4o", false)).status()).isEqualTo(200);
        assertThat(H.sim.completedCount()).isEqualTo(1);
    }

    @Test
    void should_break_a_stream_after_some_chunks_on_reset_mid_stream() {
        H.sim.addFault(Fault.of(Fault.Kind.RESET_MID_STREAM).afterChunks(3));
        SimHarness.Streamed s = H.stream("/v1/chat/completions", AUTH, chat("gpt-4o", true));
        assertThat(s.ended()).isFalse();
        assertThat(s.events()).hasSize(3);
        assertThat(H.sim.completedCount()).isZero();
    }

    @Test
    void should_truncate_a_plain_answer_on_reset_mid_stream() {
        H.sim.addFault(Fault.of(Fault.Kind.RESET_MID_STREAM));
        assertThat(H.failureOf("/v1/chat/completions", AUTH, chat("gpt-4o", false), 0)).isNotNull();
    }

    @Test
    void should_slip_a_line_that_is_not_json_into_a_stream_on_malformed_chunk() {
        H.sim.addFault(Fault.of(Fault.Kind.MALFORMED_CHUNK).afterChunks(2));
        SimHarness.Streamed s = H.stream("/v1/chat/completions", AUTH, chat("gpt-4o", true));
        assertThat(s.ended()).isTrue();
        String bad = s.events().get(2).data();
        assertThat(bad).startsWith("{");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> json(bad))).isNotNull();
        assertThat(s.events().get(1).json().get("object").asText()).isEqualTo("chat.completion.chunk");
    }

    @Test
    void should_wait_between_chunks_on_slow_chunks() {
        H.sim.addFault(Fault.of(Fault.Kind.SLOW_CHUNKS).delayMs(40));
        long start = System.nanoTime();
        SimHarness.Streamed s = H.stream("/v1/chat/completions", AUTH,
                json("{\"model\":\"gpt-4o\",\"stream\":true,\"max_tokens\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(s.ended()).isTrue();
        // role, 3 tokens, finish, [DONE]: five pauses after the first event
        assertThat(ms).isGreaterThanOrEqualTo(5 * 40);
    }

    @Test
    void should_register_list_and_clear_faults_through_the_admin_api() {
        SimHarness.Response added = H.post("/_sim/faults", Map.of(),
                "{\"match\":{\"model\":\"gpt-4o\"},\"fault\":\"status\",\"status\":429,\"retry_after\":\"7\",\"times\":1}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(H.get("/_sim/faults", Map.of()).json()).hasSize(1);
        SimHarness.Response r = H.post("/v1/chat/completions", AUTH, chat("gpt-4o", false));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().get("retry-after")).isEqualTo("7");
        H.post("/_sim/faults", Map.of(), "{\"fault\":\"status\",\"status\":500}");
        assertThat(H.request(io.vertx.core.http.HttpMethod.DELETE, "/_sim/faults", Map.of(), "").status()).isEqualTo(204);
        assertThat(H.post("/v1/chat/completions", AUTH, chat("gpt-4o", false)).status()).isEqualTo(200);
        assertThat(H.post("/_sim/faults", Map.of(), "{\"fault\":\"explode\"}").status()).isEqualTo(400);
    }
}
