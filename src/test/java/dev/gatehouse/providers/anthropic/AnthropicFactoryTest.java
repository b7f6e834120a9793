package dev.gatehouse.providers.anthropic;

import dev.gatehouse.api.Operation;
import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.Secret;
import dev.gatehouse.config.Timeouts;
import dev.gatehouse.providers.Provider;
import dev.gatehouse.providers.ProviderRegistry;
import dev.gatehouse.providers.UpstreamRequest;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnthropicFactoryTest {
    private static final Secret KEY = new Secret("sk-ant-api03-config-key");

    private static ProviderConfig config(String baseUrl, Secret apiKey, Map<String, String> headers) {
        return new ProviderConfig("anthropic", baseUrl, apiKey, null, null, null, null, null, null, headers, null,
                new Timeouts(1_000L, null, null, null), null);
    }

    private static UpstreamRequest send(Provider provider) {
        return provider.adapter().toUpstream(Operation.CHAT,
                AnthropicFixtures.object("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), "claude-haiku-4-5", false);
    }

    @Test
    void should_be_found_by_the_registry_for_type_anthropic() {
        Provider provider = new ProviderRegistry().create("claude", config(null, KEY, null));
        assertThat(provider.adapter()).isInstanceOf(AnthropicAdapter.class);
        assertThat(provider.type()).isEqualTo("anthropic");
        assertThat(provider.timeouts()).isEqualTo(new Timeouts(1_000L, null, null, null));
    }

    @Test
    void should_post_to_the_default_base_url_with_key_and_default_version() {
        UpstreamRequest request = send(new AnthropicFactory().create("claude", config(null, KEY, null)));
        assertThat(request.method()).isEqualTo(HttpMethod.POST);
        assertThat(request.uri()).isEqualTo("https://api.anthropic.com/v1/messages");
        assertThat(request.headers().get("x-api-key")).isEqualTo("sk-ant-api03-config-key");
        assertThat(request.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.headers().get("content-type")).isEqualTo("application/json");
        assertThat(request.headers().get("authorization")).isNull();
    }

    @Test
    void should_use_a_configured_base_url_extra_headers_and_version() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Anthropic-Version", "2024-01-01");
        headers.put("anthropic-beta", "prompt-caching-2024-07-31");
        UpstreamRequest request = send(new AnthropicFactory().create("claude", config("http://127.0.0.1:8089/anthropic/", KEY, headers)));
        assertThat(request.uri()).isEqualTo("http://127.0.0.1:8089/anthropic/v1/messages");
        assertThat(request.headers().getAll("anthropic-version")).containsExactly("2024-01-01");
        assertThat(request.headers().get("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31");
    }

    @Test
    void should_require_an_api_key() {
        assertThatThrownBy(() -> new AnthropicFactory().create("claude", config(null, null, null)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("providers.claude.api_key:");
    }

    @Test
    void should_reject_a_base_url_that_is_not_an_http_url_or_already_names_v1() {
        for (String bad : new String[] {"api.anthropic.com", "ftp://api.anthropic.com", "https://api.anthropic.com/v1", "https://x.test/?a=b"}) {
            assertThatThrownBy(() -> new AnthropicFactory().create("claude", config(bad, KEY, null)))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageStartingWith("providers.claude.base_url:");
        }
    }

    @Test
    void should_reject_the_key_given_as_a_header() {
        assertThatThrownBy(() -> new AnthropicFactory().create("claude", config(null, KEY, Map.of("X-Api-Key", "sk-ant-other"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("providers.claude.headers.X-Api-Key:")
                .hasMessageNotContaining("sk-ant-other");
    }

    @Test
    void should_reject_fields_of_other_provider_types() {
        ProviderConfig withRegion = new ProviderConfig("anthropic", null, KEY, null, null, null, null, null, "eu-west-1",
                null, null, null, null);
        assertThatThrownBy(() -> new AnthropicFactory().create("claude", withRegion))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("providers.claude.region:");
    }
}
