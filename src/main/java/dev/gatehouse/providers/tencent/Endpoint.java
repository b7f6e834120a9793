package dev.gatehouse.providers.tencent;

import java.net.URI;
import java.util.Locale;

/**
 * Where requests go: the absolute URI (always path {@code /}, as API 3.0 requires) and the Host
 * header that is both sent and signed: the host, plus the port when it is not the scheme's default.
 */
record Endpoint(String uri, String host) {

    /** Parses {@code base_url}; throws IllegalArgumentException saying what is wrong. */
    static Endpoint parse(String baseUrl) {
        URI u;
        try {
            u = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) throw new IllegalArgumentException("must be an http or https URL");
        if (u.getHost() == null) throw new IllegalArgumentException("has no host");
        if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")) {
            throw new IllegalArgumentException("must not have a path: Tencent Cloud API 3.0 serves every action at /");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not have a query, fragment or user info");
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String host = u.getHost().toLowerCase(Locale.ROOT);
        String authority = u.getPort() == -1 || u.getPort() == defaultPort ? host : host + ":" + u.getPort();
        return new Endpoint(scheme + "://" + authority + "/", authority);
    }
}
