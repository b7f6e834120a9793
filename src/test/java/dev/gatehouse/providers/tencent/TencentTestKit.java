package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import dev.gatehouse.api.Json;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.Secret;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Fixtures, a fixed clock and an adapter built the way the factory builds it, for the Tencent tests. */
final class TencentTestKit {
    static final Instant NOW = Instant.ofEpochSecond(1716359700L); // 2024-05-22T06:35:00Z
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SECRET_ID = "AKIDtestsecretid0000000000000000000";
    static final String SECRET_KEY = "testsecretkey00000000000000000000";

    private TencentTestKit() {}

    static ProviderConfig config(String baseUrl, String region) {
        return new ProviderConfig("tencent-native", baseUrl, null, null, null, null,
                new Secret(SECRET_ID), new Secret(SECRET_KEY), region, null, null, null, null);
    }

    static TencentAdapter adapter(String baseUrl) {
        return (TencentAdapter) new TencentFactory(CLOCK).create("hy", config(baseUrl, null)).adapter();
    }

    static String text(String name) {
        try (InputStream in = TencentTestKit.class.getResourceAsStream("/fixtures/tencent/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) { return parse(text(name)); }

    static ObjectNode object(String name) { return (ObjectNode) json(name); }

    static Buffer buffer(String name) { return Buffer.buffer(text(name)); }

    static JsonNode parse(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(Buffer b) { return parse(b.toString(StandardCharsets.UTF_8)); }

    // OpenAI's own Java SDK checks required fields and types of its response models.
    static void assertValidChatCompletion(JsonNode body) throws IOException {
        ObjectMappers.jsonMapper().readValue(body.toString(), ChatCompletion.class).validate();
    }

    static void assertValidChunk(JsonNode chunk) throws IOException {
        ObjectMappers.jsonMapper().readValue(chunk.toString(), ChatCompletionChunk.class).validate();
    }

    static void assertValidEmbeddings(JsonNode body) throws IOException {
        ObjectMappers.jsonMapper().readValue(body.toString(), CreateEmbeddingResponse.class).validate();
    }
}
