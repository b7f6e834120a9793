package dev.gatehouse.admin;

import io.vertx.core.http.HttpMethod;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Method + path pattern to endpoint, built once. Patterns are relative to {@code /admin/v1} and
 * written as in the OpenAPI document ({@code /customers/{customer_id}/keys}), so the two can be
 * compared. A path that matches some pattern under another method is a 405, not a 404.
 */
final class Router {
    static final String BASE = "/admin/v1";

    record Route(HttpMethod method, String pattern, Access access, Endpoint endpoint) {
        String[] segments() { return pattern.substring(1).split("/", -1); }
    }

    sealed interface Match {
        record Found(Route route, Map<String, String> params) implements Match {}
        record NoPath() implements Match {}
        record WrongMethod(Set<HttpMethod> allowed) implements Match {}
    }

    private record Compiled(Route route, String[] segments) {}

    private final List<Compiled> routes;

    private Router(List<Route> routes) {
        List<Compiled> compiled = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Route r : routes) {
            if (!seen.add(r.method() + " " + r.pattern())) throw new IllegalStateException("route defined twice: " + r.method() + " " + r.pattern());
            compiled.add(new Compiled(r, r.segments()));
        }
        this.routes = List.copyOf(compiled);
    }

    /** Collects routes; each resource handler adds its own. */
    static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        Builder add(HttpMethod method, String pattern, Access access, Endpoint endpoint) {
            routes.add(new Route(method, pattern, access, endpoint));
            return this;
        }

        Router build() { return new Router(routes); }
    }

    List<Route> routes() { return routes.stream().map(Compiled::route).toList(); }

    /** Matches a request path (with the {@code /admin/v1} prefix). */
    Match match(HttpMethod method, String path) {
        if (!path.startsWith(BASE + "/")) return new Match.NoPath();
        String[] parts = path.substring(BASE.length() + 1).split("/", -1);
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        for (Compiled c : routes) {
            Map<String, String> params = bind(c.segments(), parts);
            if (params == null) continue;
            if (c.route().method().equals(method)) return new Match.Found(c.route(), params);
            allowed.add(c.route().method());
        }
        return allowed.isEmpty() ? new Match.NoPath() : new Match.WrongMethod(allowed);
    }

    /** The path parameters if {@code parts} fit {@code pattern}, else null. */
    private static Map<String, String> bind(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) return null;
        Map<String, String> params = new HashMap<>(4);
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{")) {
                if (parts[i].isEmpty()) return null;
                params.put(p.substring(1, p.length() - 1), decode(parts[i]));
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String decode(String segment) {
        try {
            // a path segment: '+' is a plus, not a space
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
