package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.providers.UpstreamErrors;

/**
 * Tencent Cloud reports API failures with HTTP 200 and {@code {"Response":{"Error":{"Code","Message"}}}}.
 * This maps those codes to the same {@link ErrorCode}s {@link UpstreamErrors} gives the equivalent HTTP
 * statuses, so failover treats a Tencent rate limit like any other provider's 429.
 */
final class HunyuanErrors {
    private HunyuanErrors() {}

    /**
     * Throws when {@code response} (the object inside {@code Response}, or one stream event) carries
     * an error: Tencent's {@code Error {Code, Message}}, or the {@code ErrorMsg {Code, Msg}} that
     * Hunyuan puts in a stream.
     */
    static void throwIfError(JsonNode response) {
        JsonNode error = response.path("Error");
        if (error.isObject()) {
            throw fromTencentCode(text(error.path("Code")), text(error.path("Message")));
        }
        JsonNode streamError = response.path("ErrorMsg");
        if (streamError.isObject() && !streamError.isEmpty()) {
            throw new GatewayException(ErrorCode.UPSTREAM_ERROR, "the provider failed mid-stream (code "
                    + scrubbed(text(streamError.path("Code"))) + ")" + detail(text(streamError.path("Msg"))));
        }
    }

    /** Maps a Tencent Cloud error code (e.g. {@code AuthFailure.SignatureExpire}) to the gateway's error. */
    static GatewayException fromTencentCode(String code, String message) {
        String c = code == null ? "" : code;
        String shown = c.isEmpty() ? "unknown" : scrubbed(c);
        if (c.startsWith("AuthFailure") || c.startsWith("UnauthorizedOperation")) {
            // like an upstream 401/403: the upstream's words about credentials are not for the client
            return new GatewayException(ErrorCode.UPSTREAM_AUTH_FAILED,
                    "the provider refused the gateway's credentials (" + shown + ")");
        }
        if (c.startsWith("RequestLimitExceeded") || c.startsWith("LimitExceeded")) {
            return new GatewayException(ErrorCode.UPSTREAM_RATE_LIMITED,
                    "the provider is rate limiting requests (" + shown + ")" + detail(message));
        }
        if (c.startsWith("InvalidParameter") || c.startsWith("MissingParameter")
                || c.startsWith("UnknownParameter") || c.startsWith("UnsupportedOperation")) {
            return new GatewayException(ErrorCode.UPSTREAM_BAD_REQUEST,
                    "the provider rejected the request (" + shown + ")" + detail(message));
        }
        return new GatewayException(ErrorCode.UPSTREAM_ERROR, "the provider failed (" + shown + ")" + detail(message));
    }

    /** The message of a non-2xx body: Tencent's shape first, else OpenAI's. */
    static String messageOf(JsonNode json) {
        JsonNode error = json.path("Response").path("Error");
        String m = text(error.path("Message"));
        if (m != null) {
            String code = text(error.path("Code"));
            return code == null ? m : code + ": " + m;
        }
        return UpstreamErrors.openAiStyleMessage(json);
    }

    private static String detail(String message) {
        return message == null || message.isBlank() ? "" : ": " + UpstreamErrors.scrub(message);
    }

    private static String scrubbed(String s) {
        return s == null ? "unknown" : UpstreamErrors.scrub(s);
    }

    private static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : null;
    }
}
