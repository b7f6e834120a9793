package dev.gatehouse.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final Map<String, String> ENV = Map.of(
            "OPENAI_API_KEY", "sk-test-openai-0123456789",
            "AZURE_KEY", "azure-secret-abcdef",
            "CLIENT_KEY_A", "gh-client-a",
            "CLIENT_KEY_B", "gh-client-b");

    private static GatewayConfig parse(Map<String, String> env, String yaml) {
        return new ConfigLoader(env::get).parse(yaml, "test.yaml");
    }

    private static GatewayConfig parse(String yaml) { return parse(ENV, yaml); }

    private static Path fixture() throws URISyntaxException {
        return Path.of(ConfigLoaderTest.class.getResource("full.yaml").toURI());
    }

    @Test
    void should_load_a_full_config_with_secrets_from_the_environment() throws URISyntaxException {
        GatewayConfig c = new ConfigLoader(ENV::get).load(fixture());

        assertThat(c.server()).isEqualTo(new ServerConfig("0.0.0.0", 9090, 1_048_576L, 16 * 1024,
                Runtime.getRuntime().availableProcessors(), "auto"));
        ProviderConfig openai = c.providers().get("openai-main");
        assertThat(openai.type()).isEqualTo("openai");
        assertThat(openai.apiKey().value()).isEqualTo("sk-test-openai-0123456789");
        assertThat(openai.headers()).containsExactlyInAnyOrderEntriesOf(
                Map.of("OpenAI-Organization", "org-test", "X-Template", "${NOT_EXPANDED}"));
        assertThat(openai.timeouts()).isEqualTo(new Timeouts(250L, null, null, null));
        ProviderConfig azure = c.providers().get("azure-cn");
        assertThat(azure.endpoint()).isEqualTo("https://contoso.openai.azure.cn");
        assertThat(azure.apiVersion()).isEqualTo("2024-10-21");
        RouteConfig route = c.routes().get("gpt-4o");
        assertThat(route.deployments()).containsExactly(
                new DeploymentConfig("azure-cn", "gpt-4o.2024-08-06", 3, null),
                new DeploymentConfig("openai-main", null, null, 1));
        assertThat(route.failoverOn()).containsExactly("connect", "timeout", "429", "5xx");
        assertThat(route.breaker()).isEqualTo(new BreakerConfig(null, 20, null, null, null));
        assertThat(route.ownedBy()).isEqualTo("platform-team");
        assertThat(c.defaults().retry()).isEqualTo(new RetryConfig(2, 100L, 2_000L, 10_000L));
        assertThat(c.defaults().timeouts()).isEqualTo(new Timeouts(5_000L, 30_000L, 600_000L, 60_000L));
    }

    @Test
    void should_read_api_keys_given_as_plain_strings_and_as_name_and_key_objects() throws URISyntaxException {
        GatewayConfig c = new ConfigLoader(ENV::get).load(fixture());

        assertThat(c.apiKeys()).containsExactly(
                new ApiKeyConfig(null, new Secret("gh-client-a")),
                new ApiKeyConfig("team-b", new Secret("gh-client-b")));
    }

    @Test
    void should_use_the_default_of_a_variable_only_when_it_is_unset() {
        String yaml = "server:\n  host: ${HOST:-127.0.0.2}\n  port: ${PORT:-8181}\n";

        assertThat(parse(Map.of(), yaml).server().host()).isEqualTo("127.0.0.2");
        assertThat(parse(Map.of("HOST", "10.1.2.3"), yaml).server().host()).isEqualTo("10.1.2.3");
        assertThat(parse(Map.of("PORT", "7000"), yaml).server().port()).isEqualTo(7000);
    }

    @Test
    void should_substitute_a_variable_inside_a_longer_value() {
        GatewayConfig c = parse(Map.of("RESOURCE", "contoso"),
                "providers:\n  az:\n    type: azure\n    endpoint: https://${RESOURCE}.openai.azure.com/\n");

        assertThat(c.providers().get("az").endpoint()).isEqualTo("https://contoso.openai.azure.com/");
    }

    @Test
    void should_keep_a_doubled_dollar_as_a_literal_placeholder() {
        GatewayConfig c = parse(Map.of("X", "expanded"), "server:\n  host: \"$${X}\"\n");

        assertThat(c.server().host()).isEqualTo("${X}");
    }

    @Test
    void should_insert_values_with_dollars_and_backslashes_literally() {
        GatewayConfig c = parse(Map.of("KEY", "a$1\\b"), "api_keys:\n  - '${KEY}'\n");

        assertThat(c.apiKeys().get(0).key().value()).isEqualTo("a$1\\b");
    }

    @Test
    void should_name_a_missing_variable_and_its_line() {
        String yaml = "server:\n  port: 8080\napi_keys:\n  - ${MISSING_CLIENT_KEY}\n";

        assertThatThrownBy(() -> parse(Map.of(), yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: environment variable MISSING_CLIENT_KEY is not set (line 4)");
    }

    @Test
    void should_name_an_unknown_field_and_its_line() {
        String yaml = "server:\n  host: 127.0.0.1\n  prot: 8080\n";

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: unknown field 'prot' at line 3")
                .hasMessageContaining("port");
    }

    @Test
    void should_name_an_unknown_field_deep_inside_a_provider() {
        String yaml = "providers:\n  p:\n    type: openai\n    apikey: x\n";

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: unknown field 'apikey' at line 4");
    }

    @Test
    void should_name_the_line_of_an_unknown_field_not_the_line_the_parser_read_ahead_to() {
        String yaml = "server:\n  prot: 8080\n\n\n  host: x\n";

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: unknown field 'prot' at line 2");
    }

    @Test
    void should_name_the_line_of_an_unknown_field_inside_a_list_item() {
        String yaml = """
                providers:
                  p: {type: ollama}
                routes:
                  chat:
                    deployments:
                      - provider: p
                      - provider: p
                        modle: x
                        weight: 2
                """;

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: unknown field 'modle' at line 8");
    }

    @Test
    void should_refuse_an_unknown_network_transport_with_its_line_and_the_choices() {
        String yaml = "server:\n  host: 127.0.0.1\n  transport: uring\n";

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml: server.transport (line 3) must be one of [auto, io_uring, epoll, nio], not 'uring'");
    }

    @Test
    void should_reject_a_value_of_the_wrong_type_with_its_line() {
        String yaml = "server:\n  host: 127.0.0.1\n  port: eighty\n";

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: invalid config at line 3");
    }

    @Test
    void should_reject_a_list_where_a_map_is_expected() {
        assertThatThrownBy(() -> parse("providers:\n  - openai\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: invalid config at line 2");
    }

    @Test
    void should_reject_an_empty_secret() {
        assertThatThrownBy(() -> parse("api_keys:\n  - \"\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void should_reject_an_empty_file() {
        assertThatThrownBy(() -> parse("# nothing here\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: ")
                .hasMessageContaining("No content");
    }

    @Test
    void should_fill_every_default_when_the_config_sets_none() {
        GatewayConfig c = parse("routes: {}\n");

        assertThat(c.server()).isEqualTo(ServerConfig.DEFAULTS);
        assertThat(c.server().host()).isEqualTo("127.0.0.1");
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.apiKeys()).isEmpty();
        assertThat(c.providers()).isEmpty();
        assertThat(c.routes()).isEmpty();
        assertThat(c.defaults().retry()).isEqualTo(new RetryConfig(1, 100L, 2_000L, 10_000L));
        assertThat(c.defaults().breaker()).isEqualTo(new BreakerConfig(30_000L, 10, 0.5, 15_000L, 1));
        assertThat(c.defaults().timeouts()).isEqualTo(new Timeouts(5_000L, 60_000L, 600_000L, 60_000L));
        assertThat(c.defaults().failoverOn()).containsExactly("connect", "timeout", "429", "5xx");
        assertThat(c.store().url()).isEqualTo("jdbc:h2:file:./data/gatehouse");
        assertThat(c.metering().journalDir()).isEqualTo("./data/journal");
        assertThat(c.security().masterKeyFile()).isEqualTo("./data/master.key");
        assertThat(c.controls()).isEqualTo(new ControlsConfig(true, true));
    }

    @Test
    void should_turn_off_only_the_controls_the_config_names() {
        GatewayConfig c = parse("controls: {metering: false}\n");

        assertThat(c.controls().metering()).isFalse();
        assertThat(c.controls().limits()).isTrue();
    }

    @Test
    void should_fill_the_unset_fields_of_partly_given_sections() {
        GatewayConfig c = parse("""
                server:
                  port: 9000
                defaults:
                  breaker:
                    open_ms: 1000
                  failover_on: [connect]
                """);

        assertThat(c.server()).isEqualTo(new ServerConfig("127.0.0.1", 9000, 8L * 1024 * 1024, 16 * 1024,
                Runtime.getRuntime().availableProcessors(), "auto"));
        assertThat(c.defaults().breaker()).isEqualTo(new BreakerConfig(30_000L, 10, 0.5, 1_000L, 1));
        assertThat(c.defaults().failoverOn()).containsExactly("connect");
        assertThat(c.defaults().retry()).isEqualTo(RetryConfig.DEFAULTS);
    }

    @Test
    void should_accept_a_single_failover_condition_written_without_a_list() {
        GatewayConfig c = parse("defaults:\n  failover_on: 5xx\n");

        assertThat(c.defaults().failoverOn()).containsExactly("5xx");
    }

    @Test
    void should_never_show_a_secret_in_to_string() throws URISyntaxException {
        Secret s = new Secret("sk-very-secret-value");
        GatewayConfig c = new ConfigLoader(ENV::get).load(fixture());

        assertThat(s.toString()).isEqualTo("Secret[****]");
        assertThat(c.toString())
                .doesNotContain("sk-test-openai-0123456789", "azure-secret-abcdef", "gh-client-a", "gh-client-b")
                .contains("Secret[****]");
    }

    @Test
    void should_refuse_a_blank_secret() {
        assertThatThrownBy(() -> new Secret("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Secret(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_say_which_file_cannot_be_read(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> new ConfigLoader(ENV::get).load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read config " + missing);
    }

    @Test
    void should_name_the_file_in_errors_when_loading_from_disk(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("gatehouse.yaml"), "server:\n  bogus: 1\n");

        assertThatThrownBy(() -> new ConfigLoader(ENV::get).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": unknown field 'bogus' at line 2");
    }

    @Test
    void should_keep_providers_and_routes_in_file_order() {
        GatewayConfig c = parse("""
                providers:
                  zeta: {type: ollama}
                  alpha: {type: ollama}
                  mid: {type: ollama}
                routes:
                  r2: {deployments: [{provider: zeta}]}
                  r1: {deployments: [{provider: alpha}]}
                """);

        assertThat(List.copyOf(c.providers().keySet())).containsExactly("zeta", "alpha", "mid");
        assertThat(List.copyOf(c.routes().keySet())).containsExactly("r2", "r1");
    }
}
