package dev.gatehouse.it;

import dev.gatehouse.simulator.Fault;
import dev.gatehouse.simulator.RecordedRequest;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import dev.gatehouse.testkit.OpenAiSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Retry-After} on route {@code retry-after}: one deployment, one retry pass,
 * {@code max_retry_after_ms: 2000}.
 */
class RetryAfterTest {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withConfig("it/faults.yaml");

    @Test
    void should_wait_as_long_as_retry_after_asks_before_retrying() {
        gw.simulator().addFault(Fault.status(429).retryAfter("1").forModel("lone-deployment").times(1));

        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("retry-after", "Hello"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<RecordedRequest> calls = gw.callsFor("lone-deployment");
        assertThat(calls).hasSize(2);
        Duration gap = Duration.between(calls.get(0).time(), calls.get(1).time());
        assertThat(gap).as("the retry honoured Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void should_give_up_at_once_and_pass_on_a_retry_after_longer_than_the_gateway_waits() {
        gw.simulator().addFault(Fault.status(429).retryAfter("30").forModel("lone-deployment"));

        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("retry-after", "Hello"));

        assertThat(r.status()).as(r.body()).isIn(429, 502);
        OpenAiSpec.assertValid("ErrorResponse", r.json());
        assertThat(r.header("retry-after")).isEqualTo("30");
        assertThat(gw.callsFor("lone-deployment")).as("no retry").hasSize(1);
    }
}
