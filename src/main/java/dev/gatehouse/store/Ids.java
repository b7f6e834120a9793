package dev.gatehouse.store;

import java.security.SecureRandom;

/** Application-made ids: a type prefix and 20 random base-32 characters (100 bits), e.g. {@code cus_...}. */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String next(String prefix) {
        return prefix + "_" + random(20);
    }

    /** {@code length} random base-32 characters from a secure source. */
    public static String random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = ALPHABET[bytes[i] & 31];
        return new String(out);
    }
}
