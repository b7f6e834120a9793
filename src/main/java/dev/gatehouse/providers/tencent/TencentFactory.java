package dev.gatehouse.providers.tencent;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.Secret;
import dev.gatehouse.providers.Provider;
import dev.gatehouse.providers.ProviderFactory;

import java.time.Clock;
import java.util.Set;

/**
 * Builds {@code tencent-native} providers: {@code secret_id} and {@code secret_key} (required),
 * {@code region} (default {@code ap-guangzhou}), {@code base_url} (default
 * {@code https://hunyuan.tencentcloudapi.com}), {@code timeouts}. Fields of other dialects are
 * errors rather than silently ignored, so a config copied from an OpenAI provider fails loudly.
 */
public final class TencentFactory implements ProviderFactory {
    public static final String TYPE = "tencent-native";
    public static final String DEFAULT_BASE_URL = "https://hunyuan.tencentcloudapi.com";
    public static final String DEFAULT_REGION = "ap-guangzhou";

    private final Clock clock;

    /** Used by ServiceLoader: the system clock. */
    public TencentFactory() { this(Clock.systemUTC()); }

    /** For tests: a fixed clock makes timestamps and signatures exact. */
    public TencentFactory(Clock clock) { this.clock = clock; }

    @Override
    public Set<String> types() { return Set.of(TYPE); }

    @Override
    public Provider create(String name, ProviderConfig config) {
        String at = "providers." + name + ".";
        rejectIfSet(at + "api_key", config.apiKey(), "Tencent signs requests with secret_id and secret_key");
        rejectIfSet(at + "endpoint", config.endpoint(), "use base_url");
        rejectIfSet(at + "api_version", config.apiVersion(), "the Hunyuan API version is fixed at " + TencentAdapter.VERSION);
        rejectIfSet(at + "api_style", config.apiStyle(), null);
        rejectIfSet(at + "headers", config.headers(), "extra headers are not signed");
        rejectIfSet(at + "stream_usage", config.streamUsage(), "Hunyuan always reports usage in streams");
        String secretId = required(at + "secret_id", config.secretId());
        String secretKey = required(at + "secret_key", config.secretKey());
        String region = config.region() == null ? DEFAULT_REGION : config.region().trim();
        if (region.isEmpty()) throw new ConfigException(at + "region must not be empty");
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(config.baseUrl() == null ? DEFAULT_BASE_URL : config.baseUrl());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + "base_url " + e.getMessage());
        }
        Tc3Signer signer = new Tc3Signer(secretId, secretKey, TencentAdapter.SERVICE, clock,
                Tc3Signer.SignedHeaders.CONTENT_TYPE_HOST_AND_ACTION);
        return new Provider(name, TYPE, new TencentAdapter(endpoint, region, signer, clock), config.timeouts());
    }

    private static String required(String field, Secret secret) {
        if (secret == null) throw new ConfigException(field + " is required for type " + TYPE);
        return secret.value();
    }

    private static void rejectIfSet(String field, Object value, String why) {
        if (value != null) {
            throw new ConfigException(field + " does not apply to type " + TYPE + (why == null ? "" : ": " + why));
        }
    }
}
