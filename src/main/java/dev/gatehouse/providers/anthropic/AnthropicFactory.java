package dev.gatehouse.providers.anthropic;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.providers.Provider;
import dev.gatehouse.providers.ProviderFactory;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Builds {@link AnthropicAdapter}s for providers of {@code type: anthropic}. */
public final class AnthropicFactory implements ProviderFactory {
    static final String TYPE = "anthropic";
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String VERSION_HEADER = "anthropic-version";
    static final String DEFAULT_VERSION = "2023-06-01";
    static final String API_KEY_HEADER = "x-api-key";

    @Override
    public Set<String> types() { return Set.of(TYPE); }

    @Override
    public Provider create(String name, ProviderConfig config) {
        String prefix = "providers." + name + ".";
        rejectFieldsOfOtherTypes(config, prefix);
        if (config.apiKey() == null) {
            throw new ConfigException(prefix + "api_key: required for type anthropic (sent as x-api-key)");
        }
        AnthropicEndpoint endpoint = new AnthropicEndpoint(
                baseUrl(config.baseUrl(), prefix + "base_url"), config.apiKey(), headers(config.headers(), prefix + "headers"));
        return new Provider(name, TYPE, new AnthropicAdapter(endpoint, Clock.systemUTC()), config.timeouts());
    }

    /** A field meant for another dialect is almost always a copy-paste slip; saying so beats ignoring it. */
    private static void rejectFieldsOfOtherTypes(ProviderConfig c, String prefix) {
        Map<String, Object> foreign = new LinkedHashMap<>();
        foreign.put("endpoint", c.endpoint());
        foreign.put("api_version", c.apiVersion());
        foreign.put("api_style", c.apiStyle());
        foreign.put("secret_id", c.secretId());
        foreign.put("secret_key", c.secretKey());
        foreign.put("region", c.region());
        foreign.put("stream_usage", c.streamUsage());
        foreign.forEach((field, value) -> {
            if (value != null) {
                String hint = field.equals("api_version") ? " (set the anthropic-version header under headers instead)" : "";
                throw new ConfigException(prefix + field + ": not used by type anthropic" + hint);
            }
        });
    }

    private static String baseUrl(String configured, String where) {
        if (configured == null) return DEFAULT_BASE_URL;
        URI uri;
        try {
            uri = new URI(configured.trim());
        } catch (Exception e) {
            throw new ConfigException(where + ": not a URL: " + configured);
        }
        String scheme = uri.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw new ConfigException(where + ": must be an absolute http(s) URL, got " + configured);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new ConfigException(where + ": must not have a query or fragment: " + configured);
        }
        String s = uri.toString();
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        // The adapter appends /v1/messages itself; a base URL that already names it would double it.
        if (s.endsWith("/v1") || s.endsWith("/v1/messages")) {
            throw new ConfigException(where + ": give the base URL without /v1 (the adapter adds /v1/messages): " + configured);
        }
        return s;
    }

    private static Map<String, String> headers(Map<String, String> configured, String where) {
        Map<String, String> headers = new LinkedHashMap<>();
        boolean versionGiven = false;
        if (configured != null) {
            for (Map.Entry<String, String> e : configured.entrySet()) {
                String header = e.getKey();
                if (header == null || header.isBlank() || !header.chars().allMatch(AnthropicFactory::isTokenChar)) {
                    throw new ConfigException(where + ": invalid header name '" + header + "'");
                }
                if (e.getValue() == null) throw new ConfigException(where + "." + header + ": a header needs a value");
                if (header.equalsIgnoreCase(API_KEY_HEADER)) {
                    throw new ConfigException(where + "." + header + ": set the key with api_key, not as a header");
                }
                versionGiven |= header.equalsIgnoreCase(VERSION_HEADER);
                headers.put(header, e.getValue());
            }
        }
        if (!versionGiven) headers.put(VERSION_HEADER, DEFAULT_VERSION);
        return headers;
    }

    /** RFC 9110 token characters, the only ones allowed in a header name. */
    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
