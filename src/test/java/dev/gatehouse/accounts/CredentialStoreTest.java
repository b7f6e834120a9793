package dev.gatehouse.accounts;

import dev.gatehouse.config.Secret;
import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialStoreTest {
    private static final String BOTH = "dev.gatehouse.store.StoreFixtures#both";

    private static Vault vault() {
        return Vault.ofKey(java.util.Base64.getDecoder().decode(Vault.newMasterKey()));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_store_credentials_encrypted_and_reveal_them_only_on_request(Supplier<Database> store) {
        try (Database db = store.get()) {
            CredentialStore creds = new CredentialStore(db, vault());
            ProviderCredential c = creds.put("openai", "prod", new Secret("sk-live-abcdef"));
            assertThat(c.toString()).doesNotContain("sk-live");
            assertThat(creds.reveal("openai", "prod")).contains(new Secret("sk-live-abcdef"));
            assertThat(creds.reveal("openai", "staging")).isEmpty();
            assertThat(creds.list()).containsExactly(c);
            String stored = db.withConnection(conn -> {
                try (var rs = conn.createStatement().executeQuery("SELECT ciphertext FROM provider_credentials")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(stored).doesNotContain("sk-live").isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_replace_a_credential_keeping_its_id(Supplier<Database> store) {
        try (Database db = store.get()) {
            CredentialStore creds = new CredentialStore(db, vault());
            ProviderCredential first = creds.put("anthropic", "main", new Secret("old"));
            ProviderCredential second = creds.put("anthropic", "main", new Secret("new"));
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(creds.reveal("anthropic", "main")).contains(new Secret("new"));
            assertThat(creds.list()).hasSize(1);
            assertThat(creds.delete("anthropic", "main")).isTrue();
            assertThat(creds.delete("anthropic", "main")).isFalse();
            assertThat(creds.list()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_fail_clearly_under_another_master_key_or_on_a_swapped_row(Supplier<Database> store) {
        try (Database db = store.get()) {
            new CredentialStore(db, vault()).put("openai", "prod", new Secret("sk-live-abcdef"));
            assertThatThrownBy(() -> new CredentialStore(db, vault()).reveal("openai", "prod"))
                    .isInstanceOf(VaultException.class)
                    .message().doesNotContain("sk-live");
            Vault v = vault();
            CredentialStore creds = new CredentialStore(db, v);
            creds.put("a", "x", new Secret("secret-a"));
            creds.put("b", "y", new Secret("secret-b"));
            db.withConnection(c -> c.createStatement().executeUpdate("UPDATE provider_credentials SET ciphertext = "
                    + "(SELECT ciphertext FROM provider_credentials WHERE provider = 'a') WHERE provider = 'b'"));
            assertThatThrownBy(() -> creds.reveal("b", "y")).isInstanceOf(VaultException.class);
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_refuse_bad_input(Supplier<Database> store) {
        try (Database db = store.get()) {
            CredentialStore creds = new CredentialStore(db, vault());
            CustomerStoreTest.assertInvalid(() -> creds.put("", "x", new Secret("v")), "provider", "provider is required");
            CustomerStoreTest.assertInvalid(() -> creds.put("p", "n".repeat(101), new Secret("v")), "name", "name must be at most 100 characters");
            CustomerStoreTest.assertInvalid(() -> creds.put("p", "n", null), "value", "value is required");
            assertThat(creds.list()).isEmpty();
        }
    }
}
