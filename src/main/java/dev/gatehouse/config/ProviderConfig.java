package dev.gatehouse.config;

import java.util.Map;

/**
 * One upstream account. {@code type} names a dialect ({@code openai}, {@code azure},
 * {@code anthropic}, {@code tencent-native}) or a preset of an OpenAI-compatible provider
 * ({@code deepseek}, {@code qwen}, ...). Which other fields apply depends on the type; the
 * provider's factory checks them.
 */
public record ProviderConfig(
        String type,
        String baseUrl,
        Secret apiKey,
        String endpoint,
        String apiVersion,
        String apiStyle,
        Secret secretId,
        Secret secretKey,
        String region,
        Map<String, String> headers,
        Boolean streamUsage,
        Timeouts timeouts,
        Integer maxConnections) {
}
