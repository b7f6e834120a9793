package dev.gatehouse.it;

import com.openai.models.chat.completions.ChatCompletion;
import dev.gatehouse.simulator.Fault;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import dev.gatehouse.testkit.OpenAiSpec;
import dev.gatehouse.testkit.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failover before the first byte: which upstream failures move a request on to the next
 * deployment (429, 5xx, refused connections, timeouts) and which end it (a 400), and what the
 * client is told when nothing works. Route {@code two-step} tries {@code first-choice}, then
 * {@code second-choice}.
 */
class FailoverTest {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withConfig("it/faults.yaml");

    @Test
    void should_fail_over_to_the_next_deployment_when_the_first_answers_429() {
        gw.simulator().addFault(Fault.status(429).forModel("first-choice"));

        ChatCompletion completion = gw.openAi().chat().completions().create(Requests.chat("two-step").build());

        assertThat(completion.choices().get(0).message().content()).isPresent();
        assertThat(gw.callsFor("first-choice")).hasSize(1);
        assertThat(gw.callsFor("second-choice")).hasSize(1);
    }

    @Test
    void should_fail_over_to_the_next_deployment_when_the_first_answers_500() {
        gw.simulator().addFault(Fault.status(500).forModel("first-choice"));

        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("two-step", "Hello"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        OpenAiSpec.assertValid("CreateChatCompletionResponse", r.json());
        assertThat(gw.callsFor("first-choice")).hasSize(1);
        assertThat(gw.callsFor("second-choice")).hasSize(1);
    }

    @Test
    void should_fail_over_when_the_first_provider_refuses_the_connection() {
        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("refused-then-ok", "Hello"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(gw.callsFor("reachable-backup")).hasSize(1);
    }

    @Test
    void should_fail_over_when_the_first_provider_does_not_answer_within_the_first_byte_timeout() {
        gw.simulator().addFault(Fault.of(Fault.Kind.HANG).forModel("first-choice"));

        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("two-step", "Hello"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(gw.callsFor("first-choice")).hasSize(1);
        assertThat(gw.callsFor("second-choice")).hasSize(1);
    }

    @Test
    void should_not_fail_over_when_the_upstream_rejects_the_request_with_400() {
        gw.simulator().addFault(Fault.status(400).forModel("first-choice"));

        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("two-step", "Hello"));

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        OpenAiSpec.assertValid("ErrorResponse", r.json());
        assertThat(r.errorCode()).isEqualTo("upstream_rejected_request");
        assertThat(gw.simulator().requests()).as("exactly one attempt").hasSize(1);
        assertThat(gw.callsFor("second-choice")).isEmpty();
    }

    @Test
    void should_answer_502_all_deployments_failed_when_every_deployment_fails() {
        gw.simulator().addFault(Fault.status(500).forModel("first-choice"));
        gw.simulator().addFault(Fault.status(503).forModel("second-choice"));

        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("two-step", "Hello"));

        assertThat(r.status()).as(r.body()).isEqualTo(502);
        OpenAiSpec.assertValid("ErrorResponse", r.json());
        assertThat(r.errorCode()).isEqualTo("all_deployments_failed");
        assertThat(r.json().path("error").path("message").asText()).contains("2 attempts");
        assertThat(r.header("x-request-id")).isNotBlank();
        assertThat(gw.simulator().requests()).hasSize(2);
    }

    @Test
    void should_answer_504_upstream_timeout_when_the_last_attempt_timed_out() {
        gw.simulator().addFault(Fault.of(Fault.Kind.HANG).forModel("lone-hanging"));

        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("lone-timeout", "Hello"));

        assertThat(r.status()).as(r.body()).isEqualTo(504);
        OpenAiSpec.assertValid("ErrorResponse", r.json());
        assertThat(r.errorCode()).isEqualTo("upstream_timeout");
    }

    @Test
    void should_answer_502_upstream_auth_failed_without_leaking_the_upstreams_key_or_address() {
        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("bad-upstream-key", "Hello"));

        assertThat(r.status()).as(r.body()).isEqualTo(502);
        OpenAiSpec.assertValid("ErrorResponse", r.json());
        assertThat(r.errorCode()).isEqualTo("upstream_auth_failed");
        assertThat(r.body()).doesNotContain("sim-invalid-key", "127.0.0.1", "localhost",
                String.valueOf(gw.simulator().port()), "sim-****");
        assertThat(gw.simulator().requests()).as("an auth failure is not failed over or retried").hasSize(1);
    }
}
