package dev.gatehouse.admin;

import dev.gatehouse.api.GatewayException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** One admin API call: who makes it, its path parameters, query and body. */
record AdminRequest(Principal principal, Map<String, String> params, MultiMap query, Buffer body, HttpServerRequest http) {

    String path(String name) {
        String v = params.get(name);
        if (v == null) throw new IllegalStateException("route has no path parameter " + name);
        return v;
    }

    /** The {@code customer_id} of the path; the handler has already checked the principal may see it and that it exists. */
    String customerId() { return path("customer_id"); }

    /** The body as a JSON object with no other fields than {@code allowed}. */
    Input input(String... allowed) { return Input.parse(body, Set.of(allowed)); }

    /** Refuses query parameters other than {@code allowed}, so a misspelt filter is not silently ignored. */
    AdminRequest allowQuery(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String name : query.names()) {
            if (!ok.contains(name)) {
                throw GatewayException.invalid("Unknown query parameter '" + name + "'"
                        + (ok.isEmpty() ? "; this endpoint takes none." : "; accepted: " + String.join(", ", ok.stream().sorted().toList()) + "."), name);
            }
            if (query.getAll(name).size() > 1) throw GatewayException.invalid("Query parameter '" + name + "' is given more than once.", name);
        }
        return this;
    }

    String query(String name) {
        String v = query.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    int queryInt(String name, int fallback, int min, int max) {
        String v = query(name);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw GatewayException.invalid(name + " must be a whole number from " + min + " to " + max + ", not '" + v + "'.", name);
    }

    Instant queryInstant(String name) {
        String v = query(name);
        if (v == null) return null;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalid(name + " must be an ISO-8601 UTC time such as 2026-01-31T00:00:00Z, not '" + v + "'.", name);
        }
    }
}
