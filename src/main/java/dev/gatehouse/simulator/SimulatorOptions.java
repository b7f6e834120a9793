package dev.gatehouse.simulator;

import java.util.Objects;

/**
 * Start-up settings of the {@link ProviderSimulator}.
 *
 * @param host                where to listen; loopback by default, as the simulator is a test tool
 * @param port                the port; 0 picks a free one (read it back with {@link ProviderSimulator#port()})
 * @param timing              the initial timing; the admin API can change it at run time
 * @param replyTokens         length of a text reply when the request sets no max_tokens
 * @param embeddingDimensions vector length when the request sets no {@code dimensions}
 * @param tencentSecretId     the Tencent SecretId that signed requests must name
 * @param tencentSecretKey    the Tencent SecretKey the simulator verifies TC3 signatures with
 */
public record SimulatorOptions(String host, int port, Timing timing, int replyTokens, int embeddingDimensions,
                               String tencentSecretId, String tencentSecretKey) {

    public static final String DEFAULT_TENCENT_SECRET_ID = "sim-secret-id";
    public static final String DEFAULT_TENCENT_SECRET_KEY = "sim-secret-key";

    public SimulatorOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(tencentSecretId, "tencentSecretId");
        Objects.requireNonNull(tencentSecretKey, "tencentSecretKey");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (replyTokens < 1) throw new IllegalArgumentException("replyTokens must be at least 1");
        if (embeddingDimensions < 1) throw new IllegalArgumentException("embeddingDimensions must be at least 1");
    }

    /** Loopback, a free port, no delays, 12-token replies, 8-dimension embeddings, the sim Tencent key pair. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions("127.0.0.1", 0, Timing.NONE, 12, 8,
                DEFAULT_TENCENT_SECRET_ID, DEFAULT_TENCENT_SECRET_KEY);
    }

    public SimulatorOptions withHost(String h) {
        return new SimulatorOptions(h, port, timing, replyTokens, embeddingDimensions, tencentSecretId, tencentSecretKey);
    }

    public SimulatorOptions withPort(int p) {
        return new SimulatorOptions(host, p, timing, replyTokens, embeddingDimensions, tencentSecretId, tencentSecretKey);
    }

    public SimulatorOptions withTiming(Timing t) {
        return new SimulatorOptions(host, port, t, replyTokens, embeddingDimensions, tencentSecretId, tencentSecretKey);
    }

    public SimulatorOptions withReplyTokens(int n) {
        return new SimulatorOptions(host, port, timing, n, embeddingDimensions, tencentSecretId, tencentSecretKey);
    }

    public SimulatorOptions withTencentCredentials(String secretId, String secretKey) {
        return new SimulatorOptions(host, port, timing, replyTokens, embeddingDimensions, secretId, secretKey);
    }
}
