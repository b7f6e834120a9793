package dev.gatehouse.auth;

import dev.gatehouse.config.ApiKeyConfig;
import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.Secret;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigKeyAuthenticatorTest {

    private static ApiKeyConfig key(String name, String value) { return new ApiKeyConfig(name, new Secret(value)); }

    @Test
    void should_accept_distinct_keys_with_and_without_names() {
        assertThatCode(() -> new ConfigKeyAuthenticator(List.of(key("team-a", "gh-a"), ApiKeyConfig.of("gh-b"))))
                .doesNotThrowAnyException();
    }

    @Test
    void should_reject_an_empty_key_list() {
        assertThatThrownBy(() -> new ConfigKeyAuthenticator(List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("api_keys: at least one key must be configured");
    }

    @Test
    void should_reject_the_same_key_listed_twice_naming_the_second_entry() {
        assertThatThrownBy(() -> new ConfigKeyAuthenticator(List.of(key("a", "k1"), key("b", "k2"), key("c", "k1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("api_keys[2]: the same key is listed twice");
    }

    @Test
    void should_reject_a_duplicate_even_when_names_differ_and_never_show_the_key() {
        assertThatThrownBy(() -> new ConfigKeyAuthenticator(List.of(ApiKeyConfig.of("gh-secret-1"), key("named", "gh-secret-1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("api_keys[1]: the same key is listed twice")
                .message().doesNotContain("gh-secret-1");
    }

    @Test
    void should_reject_an_entry_without_a_key() {
        assertThatThrownBy(() -> new ConfigKeyAuthenticator(Arrays.asList(key("a", "k1"), new ApiKeyConfig("b", null))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("api_keys[1]: 'key' is required");
        assertThatThrownBy(() -> new ConfigKeyAuthenticator(Arrays.asList((ApiKeyConfig) null)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("api_keys[0]: 'key' is required");
    }
}
