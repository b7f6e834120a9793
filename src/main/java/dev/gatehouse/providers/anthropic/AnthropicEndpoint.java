package dev.gatehouse.providers.anthropic;

import dev.gatehouse.config.Secret;

import java.util.Map;

/**
 * Where and how to reach one Anthropic account, already checked by {@link AnthropicFactory}.
 *
 * @param baseUrl absolute http(s) URL without a trailing slash, e.g. {@code https://api.anthropic.com}
 * @param apiKey  sent as {@code x-api-key}
 * @param headers extra headers sent with every request, {@code anthropic-version} included
 */
record AnthropicEndpoint(String baseUrl, Secret apiKey, Map<String, String> headers) {
    AnthropicEndpoint {
        headers = Map.copyOf(headers);
    }

    String messagesUri() { return baseUrl + "/v1/messages"; }
}
