package dev.gatehouse.providers.openai;

import dev.gatehouse.api.Operation;
import dev.gatehouse.config.ConfigException;
import dev.gatehouse.providers.Provider;
import dev.gatehouse.providers.ProviderConfigs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresetTest {

    @Test
    void should_ship_every_documented_preset() {
        assertThat(Preset.all()).containsOnlyKeys("openai", "deepseek", "moonshot", "moonshot-intl", "zhipu", "qwen",
                "qwen-intl", "qianfan", "hunyuan", "spark", "minimax", "minimax-intl", "sensenova", "doubao", "vllm",
                "ollama", "llamacpp", "openai-compatible");
    }

    @Test
    void should_give_every_preset_a_docs_line_a_region_and_a_known_auth() {
        assertThat(Preset.all()).allSatisfy((name, p) -> {
            assertThat(p.docs()).as("%s docs", name).isNotBlank();
            assertThat(p.region()).as("%s region", name).isIn("CN", "global", "self-hosted", "unknown");
            assertThat(p.auth()).as("%s auth", name).isIn("bearer", "none");
            assertThat(p.maxTokensField()).as("%s max_tokens_field", name).isIn(null, "max_tokens");
        });
    }

    @Test
    void should_point_cloud_presets_at_https_and_self_hosted_presets_at_loopback() {
        assertThat(Preset.all()).allSatisfy((name, p) -> {
            if ("self-hosted".equals(p.region())) {
                assertThat(p.baseUrl()).as(name).startsWith("http://127.0.0.1:").endsWith("/v1");
                assertThat(p.keyRequired()).as(name).isFalse();
            } else if (!"openai-compatible".equals(name)) {
                assertThat(p.baseUrl()).as(name).startsWith("https://");
                assertThat(p.keyRequired()).as(name).isTrue();
            }
        });
    }

    @Test
    void should_build_a_provider_from_every_preset_through_the_registry() {
        assertThat(Preset.all()).allSatisfy((name, p) -> {
            Provider provider = ProviderConfigs.of(name).apiKey("sk-test-0123456789").baseUrl("http://127.0.0.1:9/v1").create("p-" + name);

            assertThat(provider.name()).isEqualTo("p-" + name);
            assertThat(provider.type()).isEqualTo(name);
            assertThat(provider.adapter().supports(Operation.CHAT)).isTrue();
            assertThat(provider.adapter().supports(Operation.EMBEDDINGS)).as(name).isEqualTo(p.embeddings());
        });
    }

    @Test
    void should_require_an_api_key_where_the_preset_says_so() {
        assertThatThrownBy(() -> ProviderConfigs.of("deepseek").create("ds"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("providers.ds.api_key is required for deepseek");
    }

    @Test
    void should_build_keyless_self_hosted_presets_without_a_key() {
        assertThat(ProviderConfigs.of("vllm").create("v").type()).isEqualTo("vllm");
        assertThat(ProviderConfigs.of("ollama").create("o").type()).isEqualTo("ollama");
    }

    @Test
    void should_require_a_base_url_for_the_generic_openai_compatible_type() {
        assertThatThrownBy(() -> ProviderConfigs.of("openai-compatible").create("gen"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("providers.gen.base_url is required for type openai-compatible");
    }

    @Test
    void should_reject_a_base_url_that_is_not_http() {
        assertThatThrownBy(() -> ProviderConfigs.of("openai").apiKey("sk-x").baseUrl("ftp://x/v1").create("o"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("providers.o.base_url must start with http:// or https://");
    }

    @Test
    void should_reject_azure_only_fields_on_a_preset() {
        var deepseek = ProviderConfigs.of("deepseek").apiKey("sk-x");

        for (var c : new ProviderConfigs[] {deepseek.endpoint("https://x.openai.azure.com"), deepseek.apiVersion("2024-10-21"),
                deepseek.apiStyle("v1")}) {
            assertThatThrownBy(() -> c.create("ds"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("providers.ds: endpoint, api_version and api_style belong to type azure");
        }
    }

    @Test
    void should_reject_tencent_only_fields_on_a_preset() {
        assertThatThrownBy(() -> ProviderConfigs.of("hunyuan").apiKey("sk-x").region("ap-guangzhou").create("hy"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("providers.hy: secret_id, secret_key and region belong to type tencent-native");
    }

    @Test
    void should_name_the_known_types_when_the_type_is_unknown_or_missing() {
        assertThatThrownBy(() -> ProviderConfigs.of("gpt").create("x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("providers.x: unknown type 'gpt'; one of [")
                .hasMessageContaining("azure")
                .hasMessageContaining("deepseek");
        assertThatThrownBy(() -> ProviderConfigs.of(null).create("x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("providers.x: 'type' is required");
    }
}
