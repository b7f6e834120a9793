package dev.gatehouse.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {

    @Test
    void should_give_the_standard_digests() {
        // FIPS 180-2's examples and the empty input
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Sha256.hex("abc"));
        assertThat(Sha256.of("abc")).hasSize(32).startsWith((byte) 0xba, (byte) 0x78);
    }

    @Test
    void should_hash_text_as_utf8() {
        assertThat(Sha256.hex("名字")).isEqualTo(Sha256.hex("名字".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void should_start_clean_after_a_caller_left_the_digest_part_way() {
        MessageDigest left = Sha256.digest();
        left.update("half of something".getBytes(StandardCharsets.UTF_8)); // and then the caller failed

        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void should_give_each_thread_its_own_digest() throws Exception {
        MessageDigest mine = Sha256.digest();
        try (var pool = Executors.newSingleThreadExecutor()) {
            Future<MessageDigest> theirs = pool.submit(Sha256::digest);
            assertThat(theirs.get()).isNotSameAs(mine);
        }
        assertThat(Sha256.digest()).isSameAs(mine);
    }
}
