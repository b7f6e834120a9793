package dev.gatehouse.providers.tencent;

import dev.gatehouse.api.Operation;
import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.Secret;
import dev.gatehouse.config.Timeouts;
import dev.gatehouse.providers.Provider;
import dev.gatehouse.providers.ProviderRegistry;
import dev.gatehouse.providers.UpstreamRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.gatehouse.providers.tencent.TencentTestKit.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TencentFactoryTest {
    private final TencentFactory factory = new TencentFactory(CLOCK);

    private static ProviderConfig with(Secret id, Secret key, String baseUrl, String region, Secret apiKey, Map<String, String> headers) {
        return new ProviderConfig("tencent-native", baseUrl, apiKey, null, null, null, id, key, region, headers, null,
                new Timeouts(1000L, null, null, null), null);
    }

    @Test
    void should_be_found_by_the_registry_for_type_tencent_native() {
        Provider p = new ProviderRegistry().create("hy", config(null, null));

        assertThat(p.type()).isEqualTo("tencent-native");
        assertThat(p.adapter()).isInstanceOf(TencentAdapter.class);
        assertThat(p.adapter().supports(Operation.CHAT)).isTrue();
        assertThat(p.adapter().supports(Operation.EMBEDDINGS)).isTrue();
    }

    @Test
    void should_default_to_the_public_endpoint_and_guangzhou() {
        Provider p = factory.create("hy", with(new Secret("id"), new Secret("key"), null, null, null, null));
        UpstreamRequest up = p.adapter().toUpstream(Operation.EMBEDDINGS, (com.fasterxml.jackson.databind.node.ObjectNode) parse("{\"input\":\"a\"}"),
                "hunyuan-embedding", false);

        assertThat(up.uri()).isEqualTo("https://hunyuan.tencentcloudapi.com/");
        assertThat(up.headers().get("Host")).isEqualTo("hunyuan.tencentcloudapi.com");
        assertThat(up.headers().get("X-TC-Region")).isEqualTo("ap-guangzhou");
        assertThat(p.timeouts()).isEqualTo(new Timeouts(1000L, null, null, null));
    }

    @Test
    void should_sign_the_port_only_when_it_is_not_the_default() {
        Provider explicitDefault = factory.create("hy", with(new Secret("id"), new Secret("key"), "https://hunyuan.tencentcloudapi.com:443/", "ap-beijing", null, null));
        UpstreamRequest up = explicitDefault.adapter().toUpstream(Operation.EMBEDDINGS,
                (com.fasterxml.jackson.databind.node.ObjectNode) parse("{\"input\":\"a\"}"), "hunyuan-embedding", false);

        assertThat(up.headers().get("Host")).isEqualTo("hunyuan.tencentcloudapi.com");
        assertThat(up.headers().get("X-TC-Region")).isEqualTo("ap-beijing");
    }

    @Test
    void should_require_secret_id_and_secret_key_naming_the_field() {
        assertThatThrownBy(() -> factory.create("hy", with(null, new Secret("k"), null, null, null, null)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("providers.hy.secret_id ");
        assertThatThrownBy(() -> factory.create("hy", with(new Secret("i"), null, null, null, null, null)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("providers.hy.secret_key ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "https://hunyuan.tencentcloudapi.com/v1", "https://h.example?x=1", "not a url", "/relative"})
    void should_reject_an_unusable_base_url(String url) {
        assertThatThrownBy(() -> factory.create("hy", with(new Secret("i"), new Secret("k"), url, null, null, null)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("providers.hy.base_url ");
    }

    @Test
    void should_reject_fields_of_other_dialects() {
        assertThatThrownBy(() -> factory.create("hy", with(new Secret("i"), new Secret("k"), null, null, new Secret("sk-x"), null)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("providers.hy.api_key ");
        assertThatThrownBy(() -> factory.create("hy", with(new Secret("i"), new Secret("k"), null, null, null, Map.of("X-A", "b"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("providers.hy.headers ");
        assertThatThrownBy(() -> factory.create("hy", with(new Secret("i"), new Secret("k"), null, " ", null, null)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("providers.hy.region ");
    }

    @Test
    void should_not_reveal_the_secret_key_in_config_errors() {
        assertThatThrownBy(() -> factory.create("hy", with(new Secret("i"), new Secret("TOPSECRETKEY"), "ftp://x", null, null, null)))
                .hasMessageNotContaining("TOPSECRETKEY");
    }
}
