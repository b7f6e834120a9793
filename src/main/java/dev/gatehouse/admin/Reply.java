package dev.gatehouse.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;

import java.util.List;

/** What an endpoint answers: a status, a body of some content type, and cookies to set. */
record Reply(int status, String contentType, Buffer body, List<Cookie> cookies) {
    static final String JSON = "application/json";

    static Reply json(int status, JsonNode body) {
        try {
            return new Reply(status, JSON, Buffer.buffer(Json.MAPPER.writeValueAsBytes(body)), List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static Reply ok(JsonNode body) { return json(200, body); }

    static Reply created(JsonNode body) { return json(201, body); }

    static Reply noContent() { return new Reply(204, null, null, List.of()); }

    static Reply text(String contentType, String body) {
        return new Reply(200, contentType, Buffer.buffer(body), List.of());
    }

    Reply withCookie(Cookie cookie) {
        return new Reply(status, contentType, body, List.of(cookie));
    }
}
