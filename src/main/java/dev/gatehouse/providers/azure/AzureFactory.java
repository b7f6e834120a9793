package dev.gatehouse.providers.azure;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.providers.Provider;
import dev.gatehouse.providers.ProviderFactory;
import dev.gatehouse.providers.openai.OpenAiCompatibleAdapter;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Azure OpenAI: the OpenAI dialect with Azure's addressing and the {@code api-key} header.
 * {@code api_style: deployments} (default) calls
 * {@code {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...};
 * {@code api_style: v1} calls {@code {endpoint}/openai/v1/chat/completions} with the deployment
 * as {@code model}. Works for global ({@code *.openai.azure.com}) and Azure China
 * ({@code *.openai.azure.cn}) resources alike. Deployment names go through unchanged, dots included.
 */
public final class AzureFactory implements ProviderFactory {
    static final String DEFAULT_API_VERSION = "2024-10-21";

    @Override
    public Set<String> types() { return Set.of("azure"); }

    @Override
    public Provider create(String name, ProviderConfig c) {
        String where = "providers." + name;
        if (c.endpoint() == null) {
            throw new ConfigException(where + ".endpoint is required, e.g. https://RESOURCE.openai.azure.com (or .azure.cn in China)");
        }
        String endpoint = c.endpoint().strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ".endpoint is not a URL: " + e.getMessage());
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new ConfigException(where + ".endpoint must be an http(s) URL with a host");
        }
        if (c.apiKey() == null) throw new ConfigException(where + ".api_key is required (write api_key: ${AZURE_OPENAI_KEY})");
        if (c.baseUrl() != null) throw new ConfigException(where + ": azure takes 'endpoint', not 'base_url'");
        String style = c.apiStyle() != null ? c.apiStyle() : "deployments";
        String version = c.apiVersion() != null ? c.apiVersion() : DEFAULT_API_VERSION;
        OpenAiCompatibleAdapter.UrlStyle url = switch (style) {
            case "deployments" -> (op, deployment) -> endpoint + "/openai/deployments/" + pathSegment(deployment)
                    + op.openAiPath() + "?api-version=" + version;
            case "v1" -> c.apiVersion() == null
                    ? (op, deployment) -> endpoint + "/openai/v1" + op.openAiPath()
                    : (op, deployment) -> endpoint + "/openai/v1" + op.openAiPath() + "?api-version=" + version;
            default -> throw new ConfigException(where + ".api_style must be 'deployments' or 'v1', not '" + style + "'");
        };
        var options = new OpenAiCompatibleAdapter.Options(url, "api-key", c.apiKey().value(),
                c.headers() != null ? Map.copyOf(c.headers()) : Map.of(),
                c.streamUsage() != null ? c.streamUsage() : true, null, true);
        return new Provider(name, "azure", new OpenAiCompatibleAdapter(options), c.timeouts());
    }

    /** Percent-encodes what a path segment cannot hold; letters, digits, '-', '_', '.' and '~' stay as they are. */
    static String pathSegment(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || "-_.~".indexOf(ch) >= 0) {
                out.append(ch);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

}
