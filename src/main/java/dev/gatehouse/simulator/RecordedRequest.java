package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as the simulator received it. Credentials in headers are masked, so a recording
 * can be printed or served by the admin API without leaking keys.
 *
 * @param seq     1 for the first request since start or the last reset
 * @param headers lower-case names, in arrival order, each with all its values
 * @param query   the raw query string, or null
 * @param body    the body decoded as UTF-8
 */
public record RecordedRequest(long seq, Instant time, String method, String path, String query,
                              Map<String, List<String>> headers, String body) {

    /** The first value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("seq", seq);
        n.put("time", time.toString());
        n.put("method", method);
        n.put("path", path);
        if (query == null) n.putNull("query"); else n.put("query", query);
        ObjectNode h = n.putObject("headers");
        headers.forEach((k, v) -> {
            if (v.size() == 1) h.put(k, v.get(0));
            else v.forEach(h.withArray(k)::add);
        });
        n.put("body", body);
        return n;
    }
}
