package dev.gatehouse.accounts;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.Secret;
import dev.gatehouse.config.SecurityConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultTest {
    private final Vault vault = Vault.open(new SecurityConfig(new Secret(Vault.newMasterKey()), null, null));

    @Test
    void should_round_trip_with_a_fresh_nonce_each_time() {
        String a = vault.encrypt("sk-upstream-123", "ctx");
        String b = vault.encrypt("sk-upstream-123", "ctx");
        assertThat(a).isNotEqualTo(b).doesNotContain("sk-upstream");
        assertThat(Base64.getDecoder().decode(a)).hasSize(12 + "sk-upstream-123".length() + 16);
        assertThat(vault.decrypt(a, "ctx")).isEqualTo("sk-upstream-123");
        assertThat(vault.decrypt(b, "ctx")).isEqualTo("sk-upstream-123");
    }

    @Test
    void should_refuse_tampered_ciphertext() {
        byte[] sealed = Base64.getDecoder().decode(vault.encrypt("sk-upstream-123", "ctx"));
        sealed[14] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(sealed);
        assertThatThrownBy(() -> vault.decrypt(tampered, "ctx"))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("wrong master key or altered data");
        assertThatThrownBy(() -> vault.decrypt("AAAA", "ctx")).isInstanceOf(VaultException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> vault.decrypt("not base64!", "ctx")).isInstanceOf(VaultException.class);
    }

    @Test
    void should_refuse_another_master_key_or_another_context() {
        String sealed = vault.encrypt("sk-upstream-123", "ctx");
        Vault other = Vault.open(new SecurityConfig(new Secret(Vault.newMasterKey()), null, null));
        assertThatThrownBy(() -> other.decrypt(sealed, "ctx")).isInstanceOf(VaultException.class)
                .message().doesNotContain("sk-upstream");
        assertThatThrownBy(() -> vault.decrypt(sealed, "other-row")).isInstanceOf(VaultException.class);
    }

    @Test
    void should_create_an_owner_only_key_file_once_and_reuse_it(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/master.key");
        Vault first = Vault.open(new SecurityConfig(null, file.toString(), null));
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        String sealed = first.encrypt("value", "ctx");
        Vault second = Vault.open(new SecurityConfig(null, file.toString(), null));
        assertThat(second.decrypt(sealed, "ctx")).isEqualTo("value");
    }

    @Test
    void should_reject_a_malformed_master_key_clearly(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Vault.open(new SecurityConfig(new Secret("c2hvcnQ="), null, null)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("security.master_key: the master key must be 32 bytes in base64, not 5 bytes");
        assertThatThrownBy(() -> Vault.open(new SecurityConfig(new Secret("%%%"), null, null)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid base64").message().doesNotContain("%%%");
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "bm90IDMyIGJ5dGVz\n");
        assertThatThrownBy(() -> Vault.open(new SecurityConfig(null, file.toString(), null)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("security.master_key_file " + file + ": the master key must be 32 bytes in base64, not 12 bytes");
    }

    @Test
    void should_not_show_the_key_in_to_string() {
        assertThat(vault.toString()).isEqualTo("Vault[****]");
    }
}
