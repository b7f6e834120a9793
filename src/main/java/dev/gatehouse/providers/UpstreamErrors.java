package dev.gatehouse.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one place that reads upstream HTTP statuses. Turns a failed upstream response into a
 * {@link GatewayException}: the status class decides the code, the provider's message is kept
 * (it helps the developer) but scrubbed of URLs, host names and anything that looks like a key,
 * so that upstream secrets and topology never reach the client.
 */
public final class UpstreamErrors {
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|wss?)://\\S+");
    private static final Pattern HOST = Pattern.compile("(?i)\\b(?:[a-z0-9-]+\\.)+(?:com|cn|net|org|io|ai|cloud|azure|local|internal)\\b(?::\\d+)?");
    private static final Pattern IP = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b");
    private static final Pattern KEY = Pattern.compile("\\b(?:sk|pk|ak|key|sess)[-_][A-Za-z0-9_\\-*]{6,}|\\b[A-Za-z0-9+/_\\-]{32,}={0,2}");
    private static final int MAX_MESSAGE = 500;

    private UpstreamErrors() {}

    public static GatewayException map(int status, MultiMap headers, Buffer body, Function<JsonNode, String> messageOf) {
        JsonNode json = parseQuietly(body);
        String upstreamMessage = json == null ? null : messageOf.apply(json);
        String detail = upstreamMessage == null || upstreamMessage.isBlank() ? "" : ": " + scrub(upstreamMessage);
        Duration retryAfter = retryAfter(headers);
        String upstreamCode = json == null ? null : text(json.path("error").path("code"));
        String param = json == null ? null : text(json.path("error").path("param"));
        if ("content_filter".equals(upstreamCode) || "content_policy_violation".equals(upstreamCode)) {
            return new GatewayException(ErrorCode.CONTENT_FILTERED, "the provider's content filter blocked the request" + detail,
                    param, null, upstreamCode, null);
        }
        return switch (status) {
            case 400, 404, 409, 413, 415, 422 -> status == 404
                    ? new GatewayException(ErrorCode.UPSTREAM_ERROR, "the provider does not know this model or deployment (upstream 404)" + detail)
                    : new GatewayException(ErrorCode.UPSTREAM_BAD_REQUEST, "the provider rejected the request" + detail, param);
            case 401, 403 -> new GatewayException(ErrorCode.UPSTREAM_AUTH_FAILED,
                    "the provider refused the gateway's credentials (upstream " + status + ")");
            case 408 -> new GatewayException(ErrorCode.UPSTREAM_TIMEOUT, "the provider timed out (upstream 408)");
            case 429 -> new GatewayException(ErrorCode.UPSTREAM_RATE_LIMITED, "the provider is rate limiting requests" + detail,
                    null, retryAfter, null, null);
            default -> new GatewayException(ErrorCode.UPSTREAM_ERROR, "the provider failed with status " + status + detail,
                    null, retryAfter, null, null);
        };
    }

    /** {@code error.message} (OpenAI, Azure, Anthropic, most OpenAI-compatible providers), else {@code message}. */
    public static String openAiStyleMessage(JsonNode json) {
        JsonNode error = json.path("error");
        if (error.isTextual()) return error.asText();
        String m = text(error.path("message"));
        return m != null ? m : text(json.path("message"));
    }

    /** Removes URLs, host names, IP addresses and key-like strings, and caps the length. */
    public static String scrub(String message) {
        String s = URL.matcher(message).replaceAll("[url]");
        s = HOST.matcher(s).replaceAll("[host]");
        s = IP.matcher(s).replaceAll("[address]");
        s = KEY.matcher(s).replaceAll("[redacted]");
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "..." : s;
    }

    /** {@code retry-after-ms}, else {@code Retry-After} as seconds or an HTTP date; null when absent. */
    public static Duration retryAfter(MultiMap headers) {
        if (headers == null) return null;
        try {
            String ms = headers.get("retry-after-ms");
            if (ms != null) return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
            String v = headers.get("retry-after");
            if (v == null) return null;
            v = v.trim();
            if (v.chars().allMatch(Character::isDigit)) return Duration.ofSeconds(Long.parseLong(v));
            if (v.matches("\\d+\\.\\d+")) return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(Instant.now(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException unreadable) {
            return null; // an unreadable hint is no hint
        }
    }

    private static JsonNode parseQuietly(Buffer body) {
        if (body == null || body.length() == 0) return null;
        try {
            return Json.MAPPER.readTree(body.getBytes());
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : null;
    }
}
