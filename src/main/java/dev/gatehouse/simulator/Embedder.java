package dev.gatehouse.simulator;

import dev.gatehouse.crypto.Sha256;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.SplittableRandom;

/** Deterministic embeddings: a unit vector seeded by a hash of the input, the same on every run. */
final class Embedder {
    private Embedder() {}

    static float[] vector(String input, int dimensions) {
        SplittableRandom random = new SplittableRandom(seed(input));
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) v[i] *= scale;
        return v;
    }

    /** OpenAI's {@code encoding_format: base64}: the little-endian float32 bytes, base64-encoded. */
    static String base64(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) buf.putFloat(f);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    private static long seed(String input) {
        return ByteBuffer.wrap(Sha256.of(input)).getLong();
    }
}
