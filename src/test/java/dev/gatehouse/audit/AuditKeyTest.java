package dev.gatehouse.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

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

    /** Checkpoints signed before Gatehouse signed with Bouncy Castle were the JDK's: both must agree, byte for byte. */
    @Test
    void should_sign_exactly_as_the_jdk_does_and_verify_the_jdk_s_signatures(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.key");
        AuditKey key = AuditKey.loadOrCreate(file);
        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        var jdkPrivate = kf.generatePrivate(new PKCS8EncodedKeySpec(base64(file)));
        var jdkPublic = kf.generatePublic(new X509EncodedKeySpec(base64(AuditKey.publicFile(file))));

        for (long seq : new long[]{1, 1000, 123_456_789}) {
            byte[] message = Canonical.checkpointBytes(seq, Canonical.GENESIS);
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initSign(jdkPrivate);
            jdk.update(message);
            String jdkSignature = Base64.getEncoder().encodeToString(jdk.sign());

            String ours = key.signBase64(message);
            assertThat(ours).isEqualTo(jdkSignature);
            assertThat(AuditKey.publicOnly(AuditKey.publicFile(file)).verify(message, jdkSignature)).isTrue();
            Signature check = Signature.getInstance("Ed25519");
            check.initVerify(jdkPublic);
            check.update(message);
            assertThat(check.verify(Base64.getDecoder().decode(ours))).isTrue();
        }
    }

    @Test
    void should_not_accept_a_signature_of_the_wrong_length_or_a_flipped_bit(@TempDir Path dir) {
        AuditKey key = AuditKey.loadOrCreate(dir.resolve("audit.key"));
        byte[] message = Canonical.checkpointBytes(3, Canonical.GENESIS);
        byte[] signature = Base64.getDecoder().decode(key.signBase64(message));
        assertThat(key.verify(message, Base64.getEncoder().encodeToString(Arrays.copyOf(signature, 63)))).isFalse();
        assertThat(key.verify(message, Base64.getEncoder().encodeToString(Arrays.copyOf(signature, 65)))).isFalse();
        signature[10] ^= 1;
        assertThat(key.verify(message, Base64.getEncoder().encodeToString(signature))).isFalse();
    }

    @Test
    void should_refuse_a_public_key_file_of_another_key_and_leave_both_files_as_they_were(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("audit.key");
        AuditKey.loadOrCreate(mine);
        AuditKey.loadOrCreate(dir.resolve("other.key"));
        Files.copy(AuditKey.publicFile(dir.resolve("other.key")), AuditKey.publicFile(mine), StandardCopyOption.REPLACE_EXISTING);
        String privateBefore = Files.readString(mine);
        String publicBefore = Files.readString(AuditKey.publicFile(mine));

        assertThatThrownBy(() -> AuditKey.loadOrCreate(mine))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("are not one key pair")
                .hasMessageContaining("audit.key.pub");
        assertThat(Files.readString(mine)).isEqualTo(privateBefore);
        assertThat(Files.readString(AuditKey.publicFile(mine))).isEqualTo(publicBefore);
    }

    private static byte[] base64(Path file) throws Exception {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }
}
