package dev.gatehouse.routing;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.RetryConfig;
import dev.gatehouse.config.Timeouts;
import dev.gatehouse.providers.ProviderRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {
    private static final String PROVIDERS = """
            providers:
              openai:
                type: openai
                api_key: sk-test-0123456789
              local:
                type: ollama
            """;

    private static RouteTable build(String yaml) {
        return RouteTable.build(new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test.yaml"),
                new ProviderRegistry());
    }

    private static RouteTable routes(String routes) { return build(PROVIDERS + routes); }

    @Test
    void should_name_the_deployment_that_references_an_unknown_provider() {
        assertThatThrownBy(() -> routes("""
                routes:
                  chat:
                    deployments:
                      - provider: openai
                      - provider: anthropic
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("routes.chat.deployments[1]: unknown provider 'anthropic'; configured: [openai, local]");
    }

    @Test
    void should_reject_a_deployment_without_a_provider() {
        assertThatThrownBy(() -> routes("routes:\n  chat:\n    deployments:\n      - model: x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("routes.chat.deployments[0]: 'provider' is required");
    }

    @Test
    void should_reject_a_route_without_deployments() {
        assertThatThrownBy(() -> routes("routes:\n  chat:\n    deployments: []\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("routes.chat: a route needs at least one deployment");
        assertThatThrownBy(() -> routes("routes:\n  chat:\n    owned_by: me\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("routes.chat: a route needs at least one deployment");
    }

    @Test
    void should_reject_a_weight_that_is_not_positive() {
        assertThatThrownBy(() -> routes("""
                routes:
                  chat:
                    deployments:
                      - provider: openai
                      - provider: local
                        weight: 0
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("routes.chat.deployments[1]: weight must be positive");
        assertThatThrownBy(() -> routes("routes:\n  chat:\n    deployments:\n      - {provider: local, weight: -3}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("routes.chat.deployments[0]: weight must be positive");
    }

    @Test
    void should_reject_a_bad_failover_entry_naming_the_route() {
        assertThatThrownBy(() -> routes("""
                routes:
                  chat:
                    deployments: [{provider: local}]
                    failover_on: [connect, 4xx]
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("routes.chat.failover_on: unknown failover condition '4xx'");
    }

    @Test
    void should_reject_a_bad_default_failover_entry_at_the_first_route() {
        assertThatThrownBy(() -> routes("""
                routes:
                  chat:
                    deployments: [{provider: local}]
                defaults:
                  failover_on: [404]
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("routes.chat.failover_on: 404 is a client error");
    }

    @Test
    void should_reject_a_breaker_failure_rate_outside_zero_to_one() {
        for (String rate : List.of("0", "1.5", "-0.1")) {
            assertThatThrownBy(() -> routes("""
                    routes:
                      chat:
                        deployments: [{provider: local}]
                        breaker: {failure_rate: %s}
                    """.formatted(rate)))
                    .as("failure_rate %s", rate)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("routes.chat.breaker: ");
        }
    }

    @Test
    void should_reject_a_breaker_window_that_is_not_positive() {
        assertThatThrownBy(() -> routes("""
                routes:
                  chat:
                    deployments: [{provider: local}]
                    breaker: {window_ms: 0}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("routes.chat.breaker: ");
    }

    @Test
    void should_reject_retry_backoffs_that_contradict_each_other() {
        assertThatThrownBy(() -> routes("""
                routes:
                  chat:
                    deployments: [{provider: local}]
                    retry: {base_backoff_ms: 500, max_backoff_ms: 100}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("routes.chat.retry: ");
    }

    @Test
    void should_pass_on_a_provider_error_naming_the_provider() {
        assertThatThrownBy(() -> build("providers:\n  x:\n    type: nonsense\nroutes: {}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("providers.x: unknown type 'nonsense'; one of [");
    }

    @Test
    void should_reject_two_routes_that_give_a_shared_deployment_different_breaker_settings() {
        assertThatThrownBy(() -> routes("""
                routes:
                  a:
                    deployments: [{provider: openai, model: gpt-4o}]
                  b:
                    deployments: [{provider: openai, model: gpt-4o}]
                    breaker: {failure_rate: 0.2}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("routes.b.deployments[0]")
                .hasMessageContaining("other breaker settings");
    }

    @Test
    void should_share_one_breaker_between_routes_that_use_the_same_provider_and_model() {
        RouteTable t = routes("""
                routes:
                  gpt-4o:
                    deployments: [{provider: openai, model: gpt-4o}, {provider: local, model: gpt-4o}]
                  smart:
                    deployments: [{provider: openai, model: gpt-4o}, {provider: openai, model: gpt-4o-mini}]
                """);

        List<Deployment> a = t.find("gpt-4o").deployments();
        List<Deployment> b = t.find("smart").deployments();
        assertThat(a.get(0).breaker()).isSameAs(b.get(0).breaker());
        assertThat(a.get(1).breaker()).isNotSameAs(a.get(0).breaker()); // another provider
        assertThat(b.get(1).breaker()).isNotSameAs(b.get(0).breaker()); // another model
    }

    @Test
    void should_order_deployments_by_priority_keeping_config_order_within_a_priority() {
        RouteTable t = routes("""
                routes:
                  chat:
                    deployments:
                      - {provider: local, model: c, priority: 2}
                      - {provider: local, model: a}
                      - {provider: local, model: b2, priority: 1}
                      - {provider: openai, model: a2, priority: 0}
                      - {provider: openai, model: b1, priority: 1}
                """);

        assertThat(t.find("chat").deployments()).extracting(Deployment::upstreamModel)
                .containsExactly("a", "a2", "b2", "b1", "c");
        assertThat(t.find("chat").deployments()).extracting(Deployment::priority).containsExactly(0, 0, 1, 1, 2);
    }

    @Test
    void should_use_the_route_name_as_model_and_one_as_weight_when_unset() {
        Deployment d = routes("routes:\n  llama3.2:\n    deployments: [{provider: local}]\n")
                .find("llama3.2").deployments().get(0);

        assertThat(d.upstreamModel()).isEqualTo("llama3.2");
        assertThat(d.weight()).isEqualTo(1);
        assertThat(d.label()).isEqualTo("local/llama3.2");
        assertThat(d.provider().type()).isEqualTo("ollama");
    }

    @Test
    void should_merge_timeouts_provider_over_route_over_defaults() {
        RouteTable t = build("""
                providers:
                  fast:
                    type: ollama
                    timeouts: {connect_ms: 100}
                  plain:
                    type: ollama
                routes:
                  chat:
                    deployments: [{provider: fast}, {provider: plain}]
                    timeouts: {first_byte_ms: 20, connect_ms: 999}
                  other:
                    deployments: [{provider: plain}]
                defaults:
                  timeouts: {connect_ms: 1000, first_byte_ms: 2000, total_ms: 3000}
                """);

        List<Deployment> chat = t.find("chat").deployments();
        assertThat(chat.get(0).timeouts()).isEqualTo(new Timeouts(100L, 20L, 3_000L, 60_000L));
        assertThat(chat.get(1).timeouts()).isEqualTo(new Timeouts(999L, 20L, 3_000L, 60_000L));
        assertThat(t.find("other").deployments().get(0).timeouts()).isEqualTo(new Timeouts(1_000L, 2_000L, 3_000L, 60_000L));
    }

    @Test
    void should_merge_retry_over_defaults_and_keep_owner_and_failover() {
        RouteTable t = routes("""
                routes:
                  chat:
                    deployments: [{provider: local}]
                    retry: {max_retries: 3}
                    failover_on: [503]
                    owned_by: team-x
                defaults:
                  retry: {base_backoff_ms: 50}
                """);

        Route r = t.find("chat");
        assertThat(r.retry()).isEqualTo(new RetryConfig(3, 50L, 2_000L, 10_000L));
        assertThat(r.ownedBy()).isEqualTo("team-x");
        var e = new dev.gatehouse.api.GatewayException(dev.gatehouse.api.ErrorCode.UPSTREAM_ERROR, "x");
        assertThat(r.failover().failsOver(new AttemptFailure.Status(503, e))).isTrue();
        assertThat(r.failover().failsOver(new AttemptFailure.Status(429, e))).isFalse();
    }

    @Test
    void should_list_many_routes_in_config_order() {
        List<String> names = List.of("zeta", "alpha", "mid", "gpt-4o", "b", "qwen-max", "a", "deepseek-chat", "y", "c");
        StringBuilder yaml = new StringBuilder("routes:\n");
        for (String n : names) yaml.append("  ").append(n).append(": {deployments: [{provider: local}]}\n");

        assertThat(routes(yaml.toString()).routes()).extracting(Route::name).containsExactlyElementsOf(names);
    }

    @Test
    void should_find_routes_by_name_and_list_them_in_config_order() {
        RouteTable t = routes("""
                routes:
                  zeta: {deployments: [{provider: local}]}
                  alpha: {deployments: [{provider: openai}]}
                """);

        assertThat(t.routes()).extracting(Route::name).containsExactly("zeta", "alpha");
        assertThat(t.find("alpha").name()).isEqualTo("alpha");
        assertThat(t.find("missing")).isNull();
        assertThat(t.providers()).containsOnlyKeys("openai", "local");
    }
}
