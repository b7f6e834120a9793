package dev.gatehouse.simulator;

import dev.gatehouse.crypto.Sha256;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tencent Cloud API signature v3 (TC3-HMAC-SHA256), as Tencent documents it, on the verifying side.
 * The gateway's own signer is written separately; this class is what proves it.
 * <pre>
 * CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n hex(sha256(payload))
 *   CanonicalHeaders: for each signed header, sorted by name: lowercase(name) ":" lowercase(trim(value)) "\n"
 * StringToSign     = "TC3-HMAC-SHA256" \n timestamp \n date "/" service "/tc3_request" \n hex(sha256(CanonicalRequest))
 * Signature        = hex(HMAC(HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request"), StringToSign))
 * Authorization    = "TC3-HMAC-SHA256 Credential=" SecretId "/" date "/" service "/tc3_request, SignedHeaders=" ... ", Signature=" ...
 * </pre>
 * {@code date} is the UTC date (yyyy-MM-dd) of {@code X-TC-Timestamp}.
 */
public final class Tc3Verifier {
    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    /** Tencent refuses requests whose timestamp is further than this from its clock. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "TC3-HMAC-SHA256\\s+Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([^/]+)/([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]{64})\\s*");

    /** The outcome of a verification. */
    public sealed interface Verdict {
        record Valid() implements Verdict {}

        /** Refused, with Tencent's error code (e.g. {@code AuthFailure.SignatureFailure}) and a message. */
        record Invalid(String code, String message) implements Verdict {}
    }

    private final String secretId;
    private final String secretKey;
    private final String service;
    private final Clock clock;

    public Tc3Verifier(String secretId, String secretKey, String service, Clock clock) {
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.service = service;
        this.clock = clock;
    }

    /**
     * Checks a received request.
     *
     * @param path    the request path, the canonical URI ({@code /} for Tencent's API)
     * @param query   the raw query string, or null (empty for POST requests)
     * @param headers looks up a received header by (case-insensitive) name, null when absent
     */
    public Verdict verify(String method, String path, String query, Function<String, String> headers, byte[] payload) {
        String authorization = headers.apply("authorization");
        Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization.trim());
        if (m == null || !m.matches()) {
            return invalid("AuthFailure.InvalidAuthorization", "The Authorization header is missing or is not a TC3-HMAC-SHA256 authorization.");
        }
        if (!m.group(1).equals(secretId)) return invalid("AuthFailure.SecretIdNotFound", "The SecretId is not found.");
        String timestampText = headers.apply("x-tc-timestamp");
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampText == null ? "" : timestampText.trim());
        } catch (NumberFormatException e) {
            return invalid("AuthFailure.SignatureFailure", "X-TC-Timestamp is missing or not a number.");
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            return invalid("AuthFailure.SignatureExpire", "The signature has expired: the request timestamp is more than 5 minutes from the server time.");
        }
        String date = m.group(2);
        if (!date.equals(date(timestamp)) || !m.group(3).equals(service) || !m.group(4).equals("tc3_request")) {
            return invalid("AuthFailure.SignatureFailure", "The credential scope must be " + date(timestamp) + "/" + service + "/tc3_request.");
        }
        String[] signed = m.group(5).toLowerCase(Locale.ROOT).split(";");
        Arrays.sort(signed);
        if (Arrays.binarySearch(signed, "content-type") < 0 || Arrays.binarySearch(signed, "host") < 0) {
            return invalid("AuthFailure.SignatureFailure", "SignedHeaders must include content-type and host.");
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signed) {
            String value = headers.apply(name);
            if (value == null) return invalid("AuthFailure.SignatureFailure", "The signed header " + name + " is missing.");
            canonicalHeaders.append(name).append(':').append(value.trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        String canonical = canonicalRequest(method, path, query == null ? "" : query, canonicalHeaders.toString(),
                String.join(";", signed), payload);
        String expected = signature(secretKey, date, service, stringToSign(timestamp, date, service, canonical));
        boolean equal = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                m.group(6).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return equal ? new Verdict.Valid()
                : invalid("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.");
    }

    /** The canonical request; {@code canonicalHeaders} ends with a newline, as Tencent's layout requires. */
    public static String canonicalRequest(String method, String uri, String query, String canonicalHeaders,
                                          String signedHeaders, byte[] payload) {
        return method + "\n" + uri + "\n" + query + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + Sha256.hex(payload);
    }

    public static String stringToSign(long timestamp, String date, String service, String canonicalRequest) {
        return ALGORITHM + "\n" + timestamp + "\n" + date + "/" + service + "/tc3_request\n"
                + Sha256.hex(canonicalRequest);
    }

    public static String signature(String secretKey, String date, String service, String stringToSign) {
        byte[] secretDate = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = hmac(secretDate, service);
        byte[] secretSigning = hmac(secretService, "tc3_request");
        return HexFormat.of().formatHex(hmac(secretSigning, stringToSign));
    }

    public static String authorization(String secretId, String date, String service, String signedHeaders, String signature) {
        return ALGORITHM + " Credential=" + secretId + "/" + date + "/" + service + "/tc3_request, SignedHeaders="
                + signedHeaders + ", Signature=" + signature;
    }

    /** The UTC date of a Unix timestamp, as the credential scope spells it. */
    public static String date(long timestamp) {
        return DATE.format(Instant.ofEpochSecond(timestamp));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static Verdict invalid(String code, String message) {
        return new Verdict.Invalid(code, message);
    }
}
