package dev.gatehouse.routing;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailoverPolicyTest {
    private static final String WHERE = "routes.chat.failover_on";
    private static final GatewayException E = new GatewayException(ErrorCode.UPSTREAM_ERROR, "x");

    private static AttemptFailure status(int s) { return new AttemptFailure.Status(s, E); }

    @Test
    void should_fail_over_on_everything_the_default_list_names() {
        FailoverPolicy p = FailoverPolicy.parse(List.of("connect", "timeout", "429", "5xx"), WHERE);

        assertThat(p.failsOver(new AttemptFailure.Connect(E))).isTrue();
        assertThat(p.failsOver(new AttemptFailure.Timeout(E))).isTrue();
        assertThat(p.failsOver(new AttemptFailure.Broken(E))).isTrue();
        assertThat(p.failsOver(status(429))).isTrue();
        assertThat(p.failsOver(status(500))).isTrue();
        assertThat(p.failsOver(status(503))).isTrue();
        assertThat(p.failsOver(status(599))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 408, 413, 422})
    void should_not_fail_over_on_statuses_the_default_list_does_not_name(int s) {
        FailoverPolicy p = FailoverPolicy.parse(List.of("connect", "timeout", "429", "5xx"), WHERE);

        assertThat(p.failsOver(status(s))).isFalse();
    }

    @Test
    void should_fail_over_only_on_the_single_statuses_listed() {
        FailoverPolicy p = FailoverPolicy.parse(List.of("503", "408"), WHERE);

        assertThat(p.failsOver(status(503))).isTrue();
        assertThat(p.failsOver(status(408))).isTrue();
        assertThat(p.failsOver(status(500))).isFalse();
        assertThat(p.failsOver(status(429))).isFalse();
        assertThat(p.failsOver(new AttemptFailure.Connect(E))).isFalse();
        assertThat(p.failsOver(new AttemptFailure.Timeout(E))).isFalse();
    }

    @Test
    void should_treat_a_broken_response_like_a_server_error() {
        assertThat(FailoverPolicy.parse(List.of("502"), WHERE).failsOver(new AttemptFailure.Broken(E))).isTrue();
        assertThat(FailoverPolicy.parse(List.of("connect", "429"), WHERE).failsOver(new AttemptFailure.Broken(E))).isFalse();
    }

    @Test
    void should_read_entries_case_and_space_insensitively() {
        FailoverPolicy p = FailoverPolicy.parse(List.of(" Connect ", "TIMEOUT", "5XX"), WHERE);

        assertThat(p.failsOver(new AttemptFailure.Connect(E))).isTrue();
        assertThat(p.failsOver(new AttemptFailure.Timeout(E))).isTrue();
        assertThat(p.failsOver(status(502))).isTrue();
    }

    @Test
    void should_never_fail_over_when_the_list_is_empty() {
        FailoverPolicy p = FailoverPolicy.parse(List.of(), WHERE);

        assertThat(p.failsOver(new AttemptFailure.Connect(E))).isFalse();
        assertThat(p.failsOver(new AttemptFailure.Timeout(E))).isFalse();
        assertThat(p.failsOver(new AttemptFailure.Broken(E))).isFalse();
        assertThat(p.failsOver(status(500))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"400", "401", "404", "422"})
    void should_reject_client_error_statuses_naming_the_place(String entry) {
        assertThatThrownBy(() -> FailoverPolicy.parse(List.of("connect", entry), WHERE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(WHERE + ": " + entry + " is a client error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4xx", "garbage", "", "5xx5", "timeouts"})
    void should_reject_unknown_conditions_naming_the_place_and_the_entry(String entry) {
        assertThatThrownBy(() -> FailoverPolicy.parse(List.of(entry), WHERE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(WHERE + ": unknown failover condition '" + entry + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"200", "302", "600", "-1"})
    void should_reject_numbers_that_are_not_error_statuses(String entry) {
        assertThatThrownBy(() -> FailoverPolicy.parse(List.of(entry), WHERE))
                .isInstanceOf(ConfigException.class)
                .hasMessage(WHERE + ": " + entry + " is not an error status");
    }
}
