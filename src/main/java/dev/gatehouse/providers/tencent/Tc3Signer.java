package dev.gatehouse.providers.tencent;

import dev.gatehouse.crypto.Sha256;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Tencent Cloud API 3.0 signature v3 (TC3-HMAC-SHA256) for a JSON POST to {@code /}, exactly as
 * Tencent documents it ("Signature v3", CVM DescribeInstances example):
 * <ol>
 *   <li>CanonicalRequest = {@code POST \n / \n <empty query> \n CanonicalHeaders \n SignedHeaders \n hex(sha256(payload))},
 *       where CanonicalHeaders are lower-cased {@code key:value\n} lines sorted by key;</li>
 *   <li>StringToSign = {@code TC3-HMAC-SHA256 \n timestamp \n <UTC date>/<service>/tc3_request \n hex(sha256(CanonicalRequest))};</li>
 *   <li>key = HMAC(HMAC(HMAC("TC3" + secretKey, date), service), "tc3_request"); signature = hex(HMAC(key, StringToSign));</li>
 *   <li>{@code Authorization: TC3-HMAC-SHA256 Credential=<id>/<scope>, SignedHeaders=<list>, Signature=<hex>}.</li>
 * </ol>
 * The clock is injected so the timestamp (and so the whole signature) is reproducible in tests.
 * Thread-safe: it keeps only immutable configuration.
 */
public final class Tc3Signer {
    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    /** The one content type signed and sent; it must match the sent header byte for byte. */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /** Which headers take part in the signature. */
    public enum SignedHeaders {
        /** {@code content-type;host}: the minimum, as in Tencent's original worked example. */
        CONTENT_TYPE_AND_HOST("content-type;host"),
        /** {@code content-type;host;x-tc-action}: what Tencent's current documentation and demos sign. */
        CONTENT_TYPE_HOST_AND_ACTION("content-type;host;x-tc-action");

        private final String list;

        SignedHeaders(String list) { this.list = list; }

        public String list() { return list; }
    }

    /**
     * One computed signature, with the intermediate strings (they hold no secret) so that tests and
     * failure reports can compare each documented step.
     */
    public record Signature(long timestamp, String canonicalRequest, String stringToSign, String signature,
                            String authorization) {
    }

    private final String secretId;
    private final byte[] secretKey;
    private final String service;
    private final Clock clock;
    private final SignedHeaders signedHeaders;

    public Tc3Signer(String secretId, String secretKey, String service, Clock clock, SignedHeaders signedHeaders) {
        this.secretId = require(secretId, "secretId");
        this.secretKey = ("TC3" + require(secretKey, "secretKey")).getBytes(StandardCharsets.UTF_8);
        this.service = require(service, "service");
        this.clock = require(clock, "clock");
        this.signedHeaders = require(signedHeaders, "signedHeaders");
    }

    /**
     * Signs one request at the clock's current second.
     *
     * @param host    the Host header exactly as sent ({@code hunyuan.tencentcloudapi.com}, {@code 127.0.0.1:8443})
     * @param action  the X-TC-Action value, e.g. {@code ChatCompletions}
     * @param payload the exact body bytes that will be sent
     */
    public Signature sign(String host, String action, byte[] payload) {
        long timestamp = clock.instant().getEpochSecond();
        String date = DATE.format(Instant.ofEpochSecond(timestamp));
        String canonicalRequest = canonicalRequest(host, action, payload);
        String scope = date + "/" + service + "/tc3_request";
        String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + scope + "\n" + Sha256.hex(canonicalRequest);
        byte[] key = hmac(hmac(hmac(secretKey, date), service), "tc3_request");
        String signature = HEX.formatHex(hmac(key, stringToSign));
        String authorization = ALGORITHM + " Credential=" + secretId + "/" + scope
                + ", SignedHeaders=" + signedHeaders.list() + ", Signature=" + signature;
        return new Signature(timestamp, canonicalRequest, stringToSign, signature, authorization);
    }

    private String canonicalRequest(String host, String action, byte[] payload) {
        // Keys are already lower case and in ASCII order; values are lower-cased and trimmed as documented.
        StringBuilder headers = new StringBuilder()
                .append("content-type:").append(CONTENT_TYPE).append('\n')
                .append("host:").append(host.trim().toLowerCase(Locale.ROOT)).append('\n');
        if (signedHeaders == SignedHeaders.CONTENT_TYPE_HOST_AND_ACTION) {
            headers.append("x-tc-action:").append(action.trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        return "POST\n/\n\n" + headers + "\n" + signedHeaders.list() + "\n" + Sha256.hex(payload);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // Mac is not thread-safe: one per use
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static <T> T require(T value, String what) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }
}
