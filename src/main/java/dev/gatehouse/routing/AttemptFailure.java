package dev.gatehouse.routing;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;

/**
 * Why one attempt at one deployment failed. The failover policy decides from the kind whether
 * another deployment may be tried; {@link #error()} is what the client sees if none succeeds.
 */
public sealed interface AttemptFailure {
    GatewayException error();

    /** No connection could be made (refused, DNS, TLS handshake). */
    record Connect(GatewayException error) implements AttemptFailure {}

    /** A connect, first-byte, idle or total timeout fired. */
    record Timeout(GatewayException error) implements AttemptFailure {}

    /** The upstream answered with an error, or reported one in a 2xx body (Tencent); {@code status} is the HTTP-equivalent. */
    record Status(int status, GatewayException error) implements AttemptFailure {}

    /** The upstream's answer was unreadable or the connection broke mid-response. */
    record Broken(GatewayException error) implements AttemptFailure {}

    /** Classifies an error an adapter raised while reading a 2xx answer. */
    static AttemptFailure fromAdapter(GatewayException e) {
        return switch (e.code()) {
            case UPSTREAM_RATE_LIMITED -> new Status(429, e);
            case UPSTREAM_TIMEOUT -> new Timeout(e);
            case UPSTREAM_AUTH_FAILED -> new Status(401, e);
            case UPSTREAM_BAD_REQUEST, CONTENT_FILTERED, INVALID_REQUEST -> new Status(400, e);
            case UPSTREAM_BAD_RESPONSE -> new Broken(e);
            default -> new Status(500, e.code() == ErrorCode.UPSTREAM_ERROR ? e
                    : e.withCode(ErrorCode.UPSTREAM_ERROR, e.getMessage()));
        };
    }
}
