package dev.gatehouse.accounts;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void should_make_keys_of_a_public_prefix_and_a_long_secret_part() {
        String key = ApiKeySecrets.generate();
        assertThat(key).matches("gh-[0-9a-z]{8}-[0-9a-z]{32}");
        assertThat(ApiKeySecrets.prefixOf(key)).isEqualTo(key.substring(0, 11));
    }

    @Test
    void should_not_find_a_prefix_in_strings_of_another_shape() {
        assertThat(ApiKeySecrets.prefixOf("sk-proj-abc")).isNull();
        assertThat(ApiKeySecrets.prefixOf(null)).isNull();
        String key = ApiKeySecrets.generate();
        assertThat(ApiKeySecrets.prefixOf(key + "x")).isNull();
        assertThat(ApiKeySecrets.prefixOf(key.substring(0, 11) + "_" + key.substring(12))).isNull();
    }

    @Test
    void should_make_distinct_keys_and_match_only_the_right_one() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) keys.add(ApiKeySecrets.generate());
        assertThat(keys).hasSize(1000);
        String a = ApiKeySecrets.generate();
        byte[] hash = java.util.HexFormat.of().parseHex(ApiKeySecrets.hash(a));
        assertThat(ApiKeySecrets.matches(a, hash)).isTrue();
        assertThat(ApiKeySecrets.matches(a.substring(0, 43) + (a.charAt(43) == 'a' ? 'b' : 'a'), hash)).isFalse();
    }

    @Test
    void should_hash_passwords_as_argon2id_phc_strings_with_fresh_salt() {
        String h1 = Passwords.hash("correct horse battery");
        String h2 = Passwords.hash("correct horse battery");
        assertThat(h1).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(h1).isNotEqualTo(h2).doesNotContain("correct horse");
    }

    @Test
    void should_verify_the_right_password_and_refuse_others() {
        String h = Passwords.hash("correct horse battery");
        assertThat(Passwords.verify("correct horse battery", h)).isTrue();
        assertThat(Passwords.verify("correct horse batterY", h)).isFalse();
        assertThat(Passwords.verify("", h)).isFalse();
    }

    @Test
    void should_refuse_malformed_or_foreign_hashes_without_failing() {
        assertThat(Passwords.verify("x", null)).isFalse();
        assertThat(Passwords.verify("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(Passwords.verify("x", "$argon2id$v=19$m=0,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
    }

    @Test
    void should_refuse_a_hash_whose_parameters_were_altered() {
        String h = Passwords.hash("a long password");
        String weaker = h.replace("m=19456,t=2", "m=19456,t=3");
        // same salt and output but more iterations claimed: the output no longer matches
        assertThat(Passwords.verify("a long password", weaker)).isFalse();
    }
}
