package dev.gatehouse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP answer as the tests see it: status, headers (lower-case names) and the body as text.
 */
public record HttpResult(int status, Map<String, List<String>> headers, String body) {

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body parsed as JSON; fails the test when it is not JSON. */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
        }
    }

    /** The {@code error.code} of an OpenAI-shaped error body, or null. */
    public String errorCode() {
        return json().path("error").path("code").asText(null);
    }
}
