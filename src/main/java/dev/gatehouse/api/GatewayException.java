package dev.gatehouse.api;

import java.time.Duration;

/**
 * The one failure type of the gateway. It knows its {@link ErrorCode} (and so its HTTP status);
 * a single step at the edge ({@link OpenAiErrors}) turns it into OpenAI's error body.
 */
public final class GatewayException extends RuntimeException {
    private final ErrorCode code;
    private final String param;
    private final Duration retryAfter;
    /** Overrides {@link ErrorCode#code()} in the wire body when an upstream's own code is kept. */
    private final String wireCode;

    public GatewayException(ErrorCode code, String message) {
        this(code, message, null, null, null, null);
    }

    public GatewayException(ErrorCode code, String message, String param) {
        this(code, message, param, null, null, null);
    }

    public GatewayException(ErrorCode code, String message, String param, Duration retryAfter,
                            String wireCode, Throwable cause) {
        super(message, cause, false, false); // no stack trace: these are expected outcomes, not bugs
        this.code = code;
        this.param = param;
        this.retryAfter = retryAfter;
        this.wireCode = wireCode;
    }

    public ErrorCode code() { return code; }

    public int status() { return code.status(); }

    public String param() { return param; }

    /** How long the client should wait, when the cause said so (upstream Retry-After, a limiter). */
    public Duration retryAfter() { return retryAfter; }

    public String wireCode() { return wireCode != null ? wireCode : code.code(); }

    public GatewayException withCode(ErrorCode newCode, String newMessage) {
        return new GatewayException(newCode, newMessage, param, retryAfter, null, getCause());
    }

    public static GatewayException invalid(String message, String param) {
        return new GatewayException(ErrorCode.INVALID_REQUEST, message, param);
    }
}
