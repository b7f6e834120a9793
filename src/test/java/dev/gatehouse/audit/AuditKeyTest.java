package dev.gatehouse.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditKeyTest {
    @Test
    void should_create_a_private_key_only_its_owner_can_read_and_load_the_same_key_again(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/audit.key");
        AuditKey made = AuditKey.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AuditKey.publicFile(file)).exists();

        AuditKey again = AuditKey.loadOrCreate(file);
        assertThat(again.keyId()).isEqualTo(made.keyId());
        byte[] message = Canonical.checkpointBytes(7, Canonical.GENESIS);
        assertThat(AuditKey.publicOnly(AuditKey.publicFile(file)).verify(message, made.signBase64(message))).isTrue();
        assertThat(again.verify(Canonical.checkpointBytes(8, Canonical.GENESIS), made.signBase64(message))).isFalse();
        assertThat(again.verify(message, "not base64!")).isFalse();
    }

    @Test
    void should_refuse_to_sign_with_a_verify_only_key(@TempDir Path dir) {
        Path file = dir.resolve("audit.key");
        AuditKey.loadOrCreate(file);
        AuditKey publicOnly = AuditKey.publicOnly(AuditKey.publicFile(file));
        assertThatThrownBy(() -> publicOnly.signBase64(new byte[]{1})).isInstanceOf(IllegalStateException.class);
    }
}
