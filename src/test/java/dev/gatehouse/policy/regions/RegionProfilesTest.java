package dev.gatehouse.policy.regions;

import dev.gatehouse.config.PolicyConfig.ProviderRegionConfig;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.providers.openai.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionProfilesTest {
    private static final RegionProfiles PROFILES = RegionProfiles.shipped();

    private static ProviderConfig provider(String type, String baseUrl, String endpoint) {
        return new ProviderConfig(type, baseUrl, null, endpoint, null, null, null, null, null, null, null, null, null);
    }

    private static ProviderRegion forType(String type) {
        return PROFILES.forProvider("p", provider(type, null, null), null, null);
    }

    @Test
    void should_ship_every_profile_the_policy_names_each_with_a_source_and_a_date() {
        assertThat(PROFILES.names()).contains("openai", "anthropic", "google", "azure-global", "azure-china", "deepseek",
                "moonshot", "moonshot-intl", "zhipu", "qwen", "qwen-intl", "qianfan", "hunyuan", "spark", "minimax",
                "minimax-intl", "sensenova", "doubao", "self-hosted", "unknown");
        for (String name : PROFILES.names()) {
            ProviderRegion p = PROFILES.profile(name).orElseThrow();
            assertThat(p.profile()).isEqualTo(name);
            assertThat(p.source()).as(name + " source").isNotBlank();
            assertThat(LocalDate.parse(p.asOf())).as(name + " as_of").isBeforeOrEqualTo(LocalDate.of(2026, 12, 31));
            if (!name.equals("self-hosted") && !name.equals("unknown")) assertThat(p.source()).as(name).startsWith("https://");
        }
    }

    @Test
    void should_have_a_profile_for_every_preset_that_is_not_self_hosted() {
        for (var e : Preset.all().entrySet()) {
            String region = e.getValue().region();
            if (region.equals("self-hosted") || region.equals("unknown")) continue;
            assertThat(PROFILES.profile(e.getKey())).as("profile for preset " + e.getKey()).isPresent();
            assertThat(PROFILES.profile(e.getKey()).orElseThrow().inMainlandChina()).as(e.getKey() + " processes in CN")
                    .isEqualTo(region.equals("CN"));
        }
    }

    @Test
    void should_read_the_western_allowlists_as_their_pages_write_them() {
        ProviderRegion openai = PROFILES.profile("openai").orElseThrow();
        // NO (Norway) must survive YAML, whose 1.1 rules read a bare NO as false
        assertThat(openai.serves("NO")).isTrue();
        assertThat(openai.serves()).contains("US", "DE", "GB", "JP", "TW", "KR", "SG", "UA", "AX").hasSizeGreaterThan(180);
        for (String c : List.of("CN", "HK", "MO", "RU", "BY", "IR", "KP", "CU", "SY", "VE")) assertThat(openai.serves(c)).as(c).isFalse();
        ProviderRegion anthropic = PROFILES.profile("anthropic").orElseThrow();
        assertThat(anthropic.serves("DE")).isTrue();
        for (String c : List.of("CN", "HK", "RU", "IR", "KP")) assertThat(anthropic.serves(c)).as(c).isFalse();
        ProviderRegion google = PROFILES.profile("google").orElseThrow();
        assertThat(google.serves("XK")).as("Kosovo").isTrue();
        for (String c : List.of("CN", "HK", "RU", "BY", "IR", "KP", "CU", "SY")) assertThat(google.serves(c)).as(c).isFalse();
    }

    @Test
    void should_judge_an_unknown_country_in_the_providers_favour_and_only_cn_as_the_mainland() {
        assertThat(PROFILES.profile("azure-china").orElseThrow().serves(null)).isTrue();
        ProviderRegion noEndpoint = forType("azure");
        assertThat(PROFILES.profile("azure-china").orElseThrow().serves("DE")).isFalse();
        assertThat(PROFILES.profile("azure-china").orElseThrow().serves("CN")).isTrue();
        assertThat(PROFILES.profile("azure-global").orElseThrow().serves("IR")).isFalse();
        assertThat(PROFILES.profile("azure-global").orElseThrow().serves("CN")).isTrue();
        assertThat(noEndpoint.profile()).isEqualTo("azure-global"); // no endpoint: not China
        assertThat(PROFILES.profile("deepseek").orElseThrow().serves("DE")).isTrue();
        assertThat(PROFILES.profile("qwen").orElseThrow().inMainlandChina()).isTrue();
        assertThat(PROFILES.profile("qwen-intl").orElseThrow().inMainlandChina()).isFalse();
        ProviderRegion hk = new ProviderRegion("x", "HK", Set.of(), Set.of(), "s", "2026-01-01");
        assertThat(hk.inMainlandChina()).isFalse();
        assertThat(new ProviderRegion("x", "unknown", Set.of(), Set.of(), "s", "2026-01-01").inMainlandChina()).isFalse();
    }

    @ParameterizedTest(name = "type {0} -> {1}")
    @CsvSource({
            "openai, openai", "anthropic, anthropic", "tencent-native, hunyuan", "deepseek, deepseek", "moonshot, moonshot",
            "moonshot-intl, moonshot-intl", "zhipu, zhipu", "qwen, qwen", "qwen-intl, qwen-intl", "qianfan, qianfan",
            "hunyuan, hunyuan", "spark, spark", "minimax, minimax", "minimax-intl, minimax-intl", "sensenova, sensenova",
            "doubao, doubao", "vllm, self-hosted", "ollama, self-hosted", "llamacpp, self-hosted",
            "openai-compatible, unknown", "OpenAI, openai", "something-new, unknown"})
    void should_pick_the_profile_from_the_provider_type(String type, String profile) {
        assertThat(forType(type).profile()).isEqualTo(profile);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://acme.openai.azure.com, azure-global",
            "https://acme.openai.azure.cn, azure-china",
            "https://acme.cognitiveservices.azure.cn/, azure-china",
            "https://acme.openai.chinacloudapi.cn, azure-china",
            "https://azure.cn.example.com, azure-global",
            "HTTPS://ACME.OPENAI.AZURE.CN, azure-china"})
    void should_tell_azure_china_from_global_by_the_endpoint_host(String endpoint, String profile) {
        assertThat(PROFILES.forProvider("az", provider("azure", null, endpoint), null, null).profile()).isEqualTo(profile);
    }

    @Test
    void should_place_gemini_behind_a_generic_openai_compatible_provider_by_its_host() {
        ProviderConfig gemini = provider("openai-compatible", "https://generativelanguage.googleapis.com/v1beta/openai/", null);
        assertThat(PROFILES.forProvider("gemini", gemini, null, null).profile()).isEqualTo("google");
        // a preset pointed at the simulator keeps its profile: the base_url does not change who the provider is
        assertThat(PROFILES.forProvider("ds", provider("deepseek", "http://127.0.0.1:9999/v1", null), null, null).profile()).isEqualTo("deepseek");
    }

    @Test
    void should_put_self_hosted_deployments_in_the_home_region() {
        assertThat(PROFILES.forProvider("local", provider("vllm", null, null), null, "cn").processingRegion()).isEqualTo("CN");
        assertThat(PROFILES.forProvider("local", provider("vllm", null, null), null, "cn").inMainlandChina()).isTrue();
        assertThat(PROFILES.forProvider("local", provider("ollama", null, null), null, null).processingRegion()).isEqualTo("unknown");
        assertThatThrownBy(() -> PROFILES.forProvider("local", provider("vllm", null, null), null, "China"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("policy.home_region: 'China' is not an ISO 3166-1 alpha-2 country code such as DE, CN or US");
    }

    @Test
    void should_apply_an_override_field_by_field() {
        ProviderConfig azure = provider("azure", null, "https://acme.openai.azure.com");
        ProviderRegion sweden = PROFILES.forProvider("az", azure, new ProviderRegionConfig(null, "se", null, null), null);
        assertThat(sweden.profile()).isEqualTo("azure-global");
        assertThat(sweden.processingRegion()).isEqualTo("SE");
        assertThat(sweden.blocked()).contains("IR", "RU");

        ProviderRegion narrowed = PROFILES.forProvider("az", azure, new ProviderRegionConfig(null, null, List.of("de", "FR"), List.of()), null);
        assertThat(narrowed.serves()).containsExactlyInAnyOrder("DE", "FR");
        assertThat(narrowed.blocked()).isEmpty();
        assertThat(narrowed.serves("FR")).isTrue();
        assertThat(narrowed.serves("US")).isFalse();

        ProviderRegion asChina = PROFILES.forProvider("gw", provider("openai-compatible", "https://llm.internal", null),
                new ProviderRegionConfig("azure-china", null, null, null), null);
        assertThat(asChina.profile()).isEqualTo("azure-china");
        assertThat(asChina.inMainlandChina()).isTrue();
        assertThat(asChina.source()).isEqualTo(PROFILES.profile("azure-china").orElseThrow().source());

        ProviderRegion selfHosted = PROFILES.forProvider("gw", provider("openai-compatible", "https://llm.internal", null),
                new ProviderRegionConfig("self-hosted", null, null, List.of("IR")), "DE");
        assertThat(selfHosted.processingRegion()).isEqualTo("DE");
        assertThat(selfHosted.serves("IR")).isFalse();
        assertThat(selfHosted.serves("US")).isTrue();

        ProviderRegion unplaced = PROFILES.forProvider("az", azure, new ProviderRegionConfig(null, "Unknown", null, null), null);
        assertThat(unplaced.processingRegion()).isEqualTo("unknown");
    }

    @Test
    void should_refuse_overrides_a_config_author_got_wrong_naming_the_key() {
        ProviderConfig openai = provider("openai", null, null);
        assertThatThrownBy(() -> PROFILES.forProvider("oa", openai, new ProviderRegionConfig("open-ai", null, null, null), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("policy.providers.oa.profile: there is no provider region profile 'open-ai'; the shipped profiles are openai, anthropic");
        assertThatThrownBy(() -> PROFILES.forProvider("oa", openai, new ProviderRegionConfig(null, null, List.of("DE", "EU"), null), null))
                .hasMessage("policy.providers.oa.serves: 'EU' is not an ISO 3166-1 alpha-2 country code such as DE, CN or US");
        assertThatThrownBy(() -> PROFILES.forProvider("oa", openai, new ProviderRegionConfig(null, null, null, List.of("UK")), null))
                .hasMessage("policy.providers.oa.blocked: 'UK' is not an ISO 3166-1 alpha-2 country code such as DE, CN or US");
        assertThatThrownBy(() -> PROFILES.forProvider("oa", openai, new ProviderRegionConfig(null, "USA", null, null), null))
                .hasMessage("policy.providers.oa.processing_region: 'USA' is not an ISO 3166-1 alpha-2 country code such as DE, CN or US");
        assertThatThrownBy(() -> PROFILES.forProvider("oa", openai, new ProviderRegionConfig(null, null, List.of(), null), null))
                .hasMessageStartingWith("policy.providers.oa.serves must name at least one country");
    }

    @Test
    void should_refuse_a_profile_file_with_a_bad_entry() {
        assertThatThrownBy(() -> RegionProfiles.of(entries("x", new RegionProfiles.Entry("US", List.of("DE", "de"), null, "https://x", "2026-01-01"))))
                .isInstanceOf(IllegalStateException.class).hasMessage("provider-regions.yaml: x: 'de' is not an upper-case ISO 3166-1 alpha-2 code");
        assertThatThrownBy(() -> RegionProfiles.of(entries("x", new RegionProfiles.Entry("US", List.of("DE"), List.of(), "https://x", "2026-01-01"))))
                .hasMessage("provider-regions.yaml: x needs exactly one of serves or serves_all_except");
        assertThatThrownBy(() -> RegionProfiles.of(entries("x", new RegionProfiles.Entry("USA", null, List.of(), "https://x", "2026-01-01"))))
                .hasMessage("provider-regions.yaml: x.processing_region 'USA' is not a country code or 'unknown'");
        assertThatThrownBy(() -> RegionProfiles.of(entries("x", new RegionProfiles.Entry("US", null, List.of(), " ", "2026-01-01"))))
                .hasMessage("provider-regions.yaml: x has no source");
        assertThatThrownBy(() -> RegionProfiles.of(entries("x", new RegionProfiles.Entry("US", null, List.of(), "https://x", "last week"))))
                .hasMessage("provider-regions.yaml: x.as_of 'last week' is not a date like 2026-11-22");
        assertThatThrownBy(() -> RegionProfiles.of(entries("x", new RegionProfiles.Entry("US", List.of("DE", "DE"), null, "https://x", "2026-01-01"))))
                .hasMessage("provider-regions.yaml: x: 'DE' is listed twice");
    }

    private static Map<String, RegionProfiles.Entry> entries(String name, RegionProfiles.Entry e) {
        Map<String, RegionProfiles.Entry> m = new LinkedHashMap<>();
        m.put(name, e);
        return m;
    }
}
