package dev.gatehouse.providers.openai;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.providers.Provider;
import dev.gatehouse.providers.ProviderFactory;

import java.util.Map;
import java.util.Set;

/** Builds OpenAI-dialect providers from a preset ({@code openai}, {@code deepseek}, {@code qwen}, ...). */
public final class OpenAiCompatibleFactory implements ProviderFactory {

    @Override
    public Set<String> types() { return Preset.all().keySet(); }

    @Override
    public Provider create(String name, ProviderConfig c) {
        Preset preset = Preset.all().get(c.type());
        String where = "providers." + name;
        String baseUrl = trimSlash(c.baseUrl() != null ? c.baseUrl() : preset.baseUrl());
        if (baseUrl == null) throw new ConfigException(where + ".base_url is required for type " + c.type());
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new ConfigException(where + ".base_url must start with http:// or https://");
        }
        if (preset.keyRequired() && c.apiKey() == null) {
            throw new ConfigException(where + ".api_key is required for " + c.type() + " (write api_key: ${ENV_VAR})");
        }
        rejectForeign(where, c);
        boolean streamUsage = c.streamUsage() != null ? c.streamUsage() : preset.streamUsage();
        var options = new OpenAiCompatibleAdapter.Options(
                (op, model) -> baseUrl + op.openAiPath(),
                "none".equals(preset.auth()) ? null : "authorization",
                c.apiKey() != null ? c.apiKey().value() : null,
                c.headers() != null ? Map.copyOf(c.headers()) : Map.of(),
                streamUsage, preset.maxTokensField(), preset.embeddings());
        return new Provider(name, c.type(), new OpenAiCompatibleAdapter(options), c.timeouts());
    }

    /** Fields of other dialects are mistakes here; saying so beats ignoring them. */
    private static void rejectForeign(String where, ProviderConfig c) {
        if (c.endpoint() != null || c.apiVersion() != null || c.apiStyle() != null) {
            throw new ConfigException(where + ": endpoint, api_version and api_style belong to type azure");
        }
        if (c.secretId() != null || c.secretKey() != null || c.region() != null) {
            throw new ConfigException(where + ": secret_id, secret_key and region belong to type tencent-native");
        }
    }

    static String trimSlash(String url) {
        if (url == null) return null;
        String u = url.strip();
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        return u;
    }
}
