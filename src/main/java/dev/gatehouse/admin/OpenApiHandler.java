package dev.gatehouse.admin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Serves the hand-written OpenAPI 3.1 document, without authentication, read once. */
final class OpenApiHandler {
    static final String RESOURCE = "/dev/gatehouse/admin/openapi.json";
    private final String document = load();

    void routes(Router.Builder b) {
        b.add(HttpMethod.GET, "/openapi.json", Access.PUBLIC, r -> Future.succeededFuture(Reply.text(Reply.JSON, document)));
    }

    static String load() {
        try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
