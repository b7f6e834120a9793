package dev.gatehouse.it;

import dev.gatehouse.simulator.Fault;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breaker of route {@code breaker}'s first deployment ({@code breaker-first}): it opens after
 * 3 calls of which at least half failed, keeps traffic away for {@code open_ms} (1 s), then lets
 * one half-open probe through and closes when it succeeds.
 */
class CircuitBreakerTest {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withConfig("it/faults.yaml");

    private static final String REQUEST = GatewayHarness.chat("breaker", "Hello");

    @Test
    void should_skip_a_failing_deployment_once_its_breaker_opens_and_return_to_it_after_a_successful_probe() {
        gw.simulator().addFault(Fault.status(500).forModel("breaker-first"));

        // given: three failures in a row open the breaker (each request is still served by the backup)
        for (int i = 0; i < 3; i++) assertThat(ok()).isTrue();
        assertThat(gw.callsFor("breaker-first")).hasSize(3);
        long openedAt = System.nanoTime();

        // when: more requests arrive while it is open
        for (int i = 0; i < 3; i++) assertThat(ok()).isTrue();

        // then: the broken deployment receives none of them
        assertThat(gw.callsFor("breaker-first")).as("the open breaker keeps calls away").hasSize(3);
        assertThat(gw.callsFor("breaker-second")).hasSize(6);

        // when the deployment has recovered, the first call after open_ms is its half-open probe
        gw.simulator().clearFaults();
        GatewayHarness.await("a half-open probe reaches breaker-first", Duration.ofSeconds(5), () -> {
            assertThat(ok()).isTrue();
            return gw.callsFor("breaker-first").size() == 4;
        });
        assertThat(Duration.ofNanos(System.nanoTime() - openedAt)).as("not before open_ms").isGreaterThanOrEqualTo(Duration.ofMillis(900));

        // then: the probe succeeded, the breaker closed, and traffic goes back to the first deployment
        int backupCalls = gw.callsFor("breaker-second").size();
        for (int i = 0; i < 3; i++) assertThat(ok()).isTrue();
        assertThat(gw.callsFor("breaker-first")).hasSize(7);
        assertThat(gw.callsFor("breaker-second")).hasSize(backupCalls);
    }

    @Test
    void should_open_again_when_the_half_open_probe_fails() {
        gw.simulator().addFault(Fault.status(500).forModel("breaker-first"));
        for (int i = 0; i < 3; i++) assertThat(ok()).isTrue();

        GatewayHarness.await("a half-open probe reaches breaker-first", Duration.ofSeconds(5), () -> {
            assertThat(ok()).isTrue();
            return gw.callsFor("breaker-first").size() == 4;
        });

        for (int i = 0; i < 3; i++) assertThat(ok()).isTrue();
        assertThat(gw.callsFor("breaker-first")).as("the failed probe reopened the breaker").hasSize(4);
    }

    private static boolean ok() {
        HttpResult r = gw.post("/chat/completions", REQUEST);
        return r.status() == 200;
    }
}
