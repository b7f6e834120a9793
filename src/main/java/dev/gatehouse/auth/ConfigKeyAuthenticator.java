package dev.gatehouse.auth;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.config.ApiKeyConfig;
import dev.gatehouse.config.ConfigException;
import dev.gatehouse.crypto.Sha256;
import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RequestContext;
import io.vertx.core.http.HttpServerRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The authenticate stage while keys live in the config: accepts {@code Authorization: Bearer KEY}
 * (OpenAI SDKs) or {@code api-key: KEY} (Azure SDKs). Keys are held only as SHA-256 digests, so
 * the lookup compares digests, never the secret itself.
 */
public final class ConfigKeyAuthenticator implements GatewayStage {
    private final Map<String, Caller> byDigest = new HashMap<>();

    public ConfigKeyAuthenticator(List<ApiKeyConfig> keys) {
        if (keys.isEmpty()) throw new ConfigException("api_keys: at least one key must be configured");
        int i = 0;
        for (ApiKeyConfig k : keys) {
            if (k == null || k.key() == null) throw new ConfigException("api_keys[" + i + "]: 'key' is required");
            String digest = Sha256.hex(k.key().value());
            String id = "key_" + digest.substring(0, 12);
            if (byDigest.put(digest, Caller.configKey(id, k.name() != null ? k.name() : id)) != null) {
                throw new ConfigException("api_keys[" + i + "]: the same key is listed twice");
            }
            i++;
        }
    }

    /** This stage reads headers only. */
    @Override
    public boolean editsBodyInPlace() { return false; }

    @Override
    public void onHeaders(RequestContext ctx) {
        authenticate(ctx, presentedKey(ctx.http()));
    }

    /** Authenticates a key already read from the headers (null when none was sent). */
    public void authenticate(RequestContext ctx, String key) {
        if (key == null) {
            throw new GatewayException(ErrorCode.INVALID_API_KEY,
                    "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'.");
        }
        Caller caller = byDigest.get(Sha256.hex(key));
        if (caller == null) throw new GatewayException(ErrorCode.INVALID_API_KEY, "Incorrect API key provided.");
        ctx.caller(caller);
    }

    /** The key a client sent, or null: shared with the store's authenticator so both read it alike. */
    public static String presentedKey(HttpServerRequest http) {
        String auth = http.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = auth.substring(7).trim();
            return key.isEmpty() ? null : key;
        }
        String apiKey = http.getHeader("api-key");
        return apiKey != null && !apiKey.isBlank() ? apiKey.trim() : null;
    }
}
