package dev.gatehouse.providers.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import dev.gatehouse.config.ConfigException;
import dev.gatehouse.providers.Provider;
import dev.gatehouse.providers.ProviderConfigs;
import dev.gatehouse.providers.UpstreamRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzureFactoryTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final ProviderConfigs AZURE = ProviderConfigs.of("azure").endpoint("https://contoso.openai.azure.com").apiKey(KEY);

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode body(UpstreamRequest r) throws IOException {
        return Json.MAPPER.readTree(r.body().getBytes());
    }

    private static UpstreamRequest send(ProviderConfigs c, Operation op, String deployment, boolean stream) {
        return c.create("az").adapter().toUpstream(op, json("{\"model\":\"alias\",\"messages\":[],\"stream\":" + stream + "}"),
                deployment, stream);
    }

    @Test
    void should_address_a_deployment_in_the_path_keeping_dots_in_its_name() {
        UpstreamRequest r = send(AZURE, Operation.CHAT, "gpt-4o.2024-08-06", false);

        assertThat(r.uri()).isEqualTo(
                "https://contoso.openai.azure.com/openai/deployments/gpt-4o.2024-08-06/chat/completions?api-version=2024-10-21");
    }

    @Test
    void should_address_embeddings_of_a_deployment() {
        UpstreamRequest r = send(AZURE, Operation.EMBEDDINGS, "text-embedding-3-small", false);

        assertThat(r.uri()).isEqualTo(
                "https://contoso.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21");
    }

    @Test
    void should_use_the_configured_api_version_and_drop_trailing_slashes_of_the_endpoint() {
        UpstreamRequest r = send(AZURE.endpoint("https://contoso.openai.azure.com//").apiVersion("2025-01-01-preview"),
                Operation.CHAT, "gpt-4o", false);

        assertThat(r.uri()).isEqualTo(
                "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2025-01-01-preview");
    }

    @Test
    void should_percent_encode_what_a_path_segment_cannot_hold() {
        UpstreamRequest r = send(AZURE, Operation.CHAT, "my deploy/ü", false);

        assertThat(r.uri()).startsWith("https://contoso.openai.azure.com/openai/deployments/my%20deploy%2F%C3%BC/chat/completions?");
    }

    @Test
    void should_reach_an_azure_china_endpoint() {
        UpstreamRequest r = send(AZURE.endpoint("https://x.openai.azure.cn"), Operation.CHAT, "gpt-4o-mini", false);

        assertThat(r.uri()).isEqualTo("https://x.openai.azure.cn/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21");
    }

    @Test
    void should_authenticate_with_the_api_key_header_not_authorization() {
        UpstreamRequest r = send(AZURE.headers(Map.of("x-ms-useragent", "gatehouse")), Operation.CHAT, "gpt-4o", false);

        assertThat(r.headers().get("api-key")).isEqualTo(KEY);
        assertThat(r.headers().contains("authorization")).isFalse();
        assertThat(r.headers().get("x-ms-useragent")).isEqualTo("gatehouse");
    }

    @Test
    void should_put_the_deployment_in_the_body_model_and_ask_for_stream_usage() throws IOException {
        UpstreamRequest r = send(AZURE, Operation.CHAT, "gpt-4o.2024-08-06", true);

        assertThat(body(r).get("model").asText()).isEqualTo("gpt-4o.2024-08-06");
        assertThat(body(r).path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void should_call_the_v1_api_without_api_version_unless_configured() {
        UpstreamRequest plain = send(AZURE.apiStyle("v1"), Operation.CHAT, "gpt-4o.2024-08-06", false);
        UpstreamRequest versioned = send(AZURE.apiStyle("v1").apiVersion("preview"), Operation.EMBEDDINGS, "emb", false);

        assertThat(plain.uri()).isEqualTo("https://contoso.openai.azure.com/openai/v1/chat/completions");
        assertThat(versioned.uri()).isEqualTo("https://contoso.openai.azure.com/openai/v1/embeddings?api-version=preview");
    }

    @Test
    void should_build_an_azure_provider_that_serves_chat_and_embeddings() {
        Provider p = AZURE.create("az");

        assertThat(p.name()).isEqualTo("az");
        assertThat(p.type()).isEqualTo("azure");
        assertThat(p.adapter().supports(Operation.CHAT)).isTrue();
        assertThat(p.adapter().supports(Operation.EMBEDDINGS)).isTrue();
    }

    @Test
    void should_require_an_endpoint() {
        assertThatThrownBy(() -> ProviderConfigs.of("azure").apiKey(KEY).create("az"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("providers.az.endpoint is required");
    }

    @Test
    void should_require_the_endpoint_to_be_an_http_url_with_a_host() {
        for (String bad : new String[] {"contoso.openai.azure.com", "ftp://contoso.openai.azure.com", "https://"}) {
            assertThatThrownBy(() -> AZURE.endpoint(bad).create("az"))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("providers.az.endpoint ");
        }
    }

    @Test
    void should_require_an_api_key() {
        assertThatThrownBy(() -> ProviderConfigs.of("azure").endpoint("https://contoso.openai.azure.com").create("az"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("providers.az.api_key is required");
    }

    @Test
    void should_reject_an_unknown_api_style() {
        assertThatThrownBy(() -> AZURE.apiStyle("legacy").create("az"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("providers.az.api_style must be 'deployments' or 'v1', not 'legacy'");
    }

    @Test
    void should_reject_base_url_in_favour_of_endpoint() {
        assertThatThrownBy(() -> AZURE.baseUrl("https://contoso.openai.azure.com/openai").create("az"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("providers.az: azure takes 'endpoint', not 'base_url'");
    }
}
