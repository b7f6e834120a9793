package dev.gatehouse.providers.openai;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** One entry of {@code presets.yaml}: the facts of an OpenAI-compatible provider. */
public record Preset(String baseUrl, String auth, boolean keyRequired, boolean streamUsage, String maxTokensField,
                     boolean embeddings, String region, String docs) {

    private static final Map<String, Preset> ALL = load();

    /** Every preset by type name, as shipped. */
    public static Map<String, Preset> all() { return ALL; }

    private static Map<String, Preset> load() {
        ObjectMapper yaml = YAMLMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        try (InputStream in = Preset.class.getResourceAsStream("presets.yaml")) {
            if (in == null) throw new IllegalStateException("presets.yaml is missing from the jar");
            return Map.copyOf(yaml.readValue(in, new TypeReference<Map<String, Preset>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("presets.yaml is unreadable", e);
        }
    }
}
