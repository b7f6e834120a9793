package dev.gatehouse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Server-Sent Events answer read to its end: the HTTP head, the raw text and the {@code data:}
 * payloads in order ({@code [DONE]} included as the literal text).
 */
public record SseResult(int status, String contentType, String raw, List<String> data) {

    public static final String DONE = "[DONE]";

    /** Splits an event stream into its data payloads (multi-line data joined with newlines). */
    public static List<String> dataOf(String raw) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : raw.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (current != null) out.add(current.toString());
                current = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                if (value.startsWith(" ")) value = value.substring(1);
                current = current == null ? new StringBuilder(value) : current.append('\n').append(value);
            }
        }
        if (current != null) out.add(current.toString());
        return out;
    }

    /** The payloads other than {@code [DONE]}, parsed as JSON. */
    public List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (String d : data) {
            if (DONE.equals(d)) continue;
            try {
                out.add(Json.MAPPER.readTree(d));
            } catch (IOException e) {
                throw new UncheckedIOException("a data payload is not JSON: " + d, e);
            }
        }
        return out;
    }

    /** Whether the last payload is {@code [DONE]}. */
    public boolean endsWithDone() {
        return !data.isEmpty() && DONE.equals(data.get(data.size() - 1));
    }

    /** How many times {@code [DONE]} occurs. */
    public long doneCount() {
        return data.stream().filter(DONE::equals).count();
    }
}
