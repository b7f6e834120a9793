package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.config.Secret;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Fixture files and a ready adapter with a fixed clock, shared by the Anthropic tests. */
final class AnthropicFixtures {
    static final long CREATED = 1_750_000_000L;
    static final String MODEL = "claude-sonnet-4-5-20250929";
    static final String API_KEY = "sk-ant-api03-test-key";

    private AnthropicFixtures() {}

    static AnthropicAdapter adapter() {
        AnthropicEndpoint endpoint = new AnthropicEndpoint("http://127.0.0.1:9", new Secret(API_KEY),
                Map.of(AnthropicFactory.VERSION_HEADER, AnthropicFactory.DEFAULT_VERSION));
        return new AnthropicAdapter(endpoint, Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC));
    }

    static String text(String path) {
        try (InputStream in = AnthropicFixtures.class.getResourceAsStream("/fixtures/anthropic/" + path)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String path) {
        return parse(text(path));
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object(String json) {
        return (ObjectNode) parse(json);
    }
}
