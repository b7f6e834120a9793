package dev.gatehouse.server;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.OpenAiErrors;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** Writes responses the one way the gateway writes them. */
final class Responses {
    static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private Responses() {}

    static void json(HttpServerResponse response, int status, Buffer body) {
        if (response.ended() || response.headWritten()) return;
        if (status != 200) response.setStatusCode(status); // 200 is the default; setting it looks the status up again
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
    }

    /** The single edge where a {@link GatewayException} becomes an HTTP response. */
    static void error(HttpServerRequest request, GatewayException e, boolean closeConnection) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.headWritten()) return;
        if (e.retryAfter() != null) {
            response.putHeader("retry-after", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }
        if (closeConnection) response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        var written = response.setStatusCode(e.status()).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(OpenAiErrors.body(e));
        if (closeConnection) written.onComplete(v -> request.connection().close());
    }
}
