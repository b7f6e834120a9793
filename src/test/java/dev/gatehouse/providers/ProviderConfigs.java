package dev.gatehouse.providers;

import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.Secret;

import java.util.Map;

/** Builds {@link ProviderConfig}s for tests without spelling out all thirteen fields each time. */
public record ProviderConfigs(String type, String baseUrl, String apiKey, String endpoint, String apiVersion,
                              String apiStyle, String region, Map<String, String> headers, Boolean streamUsage) {

    public static ProviderConfigs of(String type) {
        return new ProviderConfigs(type, null, null, null, null, null, null, null, null);
    }

    public ProviderConfigs baseUrl(String v) { return new ProviderConfigs(type, v, apiKey, endpoint, apiVersion, apiStyle, region, headers, streamUsage); }

    public ProviderConfigs apiKey(String v) { return new ProviderConfigs(type, baseUrl, v, endpoint, apiVersion, apiStyle, region, headers, streamUsage); }

    public ProviderConfigs endpoint(String v) { return new ProviderConfigs(type, baseUrl, apiKey, v, apiVersion, apiStyle, region, headers, streamUsage); }

    public ProviderConfigs apiVersion(String v) { return new ProviderConfigs(type, baseUrl, apiKey, endpoint, v, apiStyle, region, headers, streamUsage); }

    public ProviderConfigs apiStyle(String v) { return new ProviderConfigs(type, baseUrl, apiKey, endpoint, apiVersion, v, region, headers, streamUsage); }

    public ProviderConfigs region(String v) { return new ProviderConfigs(type, baseUrl, apiKey, endpoint, apiVersion, apiStyle, v, headers, streamUsage); }

    public ProviderConfigs headers(Map<String, String> v) { return new ProviderConfigs(type, baseUrl, apiKey, endpoint, apiVersion, apiStyle, region, v, streamUsage); }

    public ProviderConfigs streamUsage(Boolean v) { return new ProviderConfigs(type, baseUrl, apiKey, endpoint, apiVersion, apiStyle, region, headers, v); }

    public ProviderConfig build() {
        return new ProviderConfig(type, baseUrl, apiKey != null ? new Secret(apiKey) : null, endpoint, apiVersion, apiStyle,
                null, null, region, headers, streamUsage, null, null);
    }

    /** Builds the provider through the registry, as the gateway does. */
    public Provider create(String name) { return new ProviderRegistry().create(name, build()); }
}
