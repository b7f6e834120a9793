package dev.gatehouse.server;

import dev.gatehouse.api.BodyBuffer;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a request body up to a limit, refusing early on a too-large Content-Length. */
final class BodyReader {
    private BodyReader() {}

    static Future<Buffer> read(HttpServerRequest request, long limit) {
        String declared = request.getHeader("content-length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) return Future.failedFuture(tooLarge(limit));
            } catch (NumberFormatException e) {
                return Future.failedFuture(GatewayException.invalid("Invalid Content-Length header.", null));
            }
        }
        Promise<Buffer> promise = Promise.promise();
        BodyBuffer body = new BodyBuffer();
        request.handler(chunk -> {
            if (promise.future().isComplete()) return;
            if (body.length() + chunk.length() > limit) {
                promise.tryFail(tooLarge(limit));
                return;
            }
            body.append(chunk);
        });
        request.endHandler(v -> promise.tryComplete(body.body()));
        request.exceptionHandler(promise::tryFail);
        return promise.future();
    }

    private static GatewayException tooLarge(long limit) {
        return new GatewayException(ErrorCode.BODY_TOO_LARGE,
                "The request body is larger than this gateway accepts (" + limit + " bytes).");
    }
}
