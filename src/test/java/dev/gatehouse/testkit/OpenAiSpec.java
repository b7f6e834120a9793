package dev.gatehouse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates JSON against a component schema of OpenAI's OpenAPI description
 * ({@code ../shared/specs/openai-openapi.json}), e.g.
 * {@code OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", chunk)}. The spec is loaded once.
 * <ul>
 * <li>The spec mixes OpenAPI 3.0's {@code nullable: true} into 3.1 schemas: the dialect is OpenAPI 3.1
 *     with {@code nullable} as a known keyword, and the validator honours it.</li>
 * <li>Its {@code discriminator}s have no mapping, so a strict reading looks for a schema named after the
 *     {@code type} value ("function") and rejects valid tool calls. They are removed from the loaded copy:
 *     plain {@code oneOf} already tells the alternatives apart by their {@code type} enums.</li>
 * <li>{@code nullable: true} beside a {@code $ref} (as on a stream chunk's {@code usage}) is rewritten to
 *     {@code anyOf: [{$ref}, {type: null}]}: a validator takes the type from the reference and would
 *     otherwise reject the {@code "usage": null} OpenAI sends on every chunk but the last.</li>
 * <li>Schemas are loaded by IRI with a JSON pointer into the whole document, so every
 *     {@code #/components/schemas/...} reference resolves.</li>
 * </ul>
 */
public final class OpenAiSpec {
    private static final Path SPEC = Path.of("..", "shared", "specs", "openai-openapi.json");
    private static final String IRI = "https://gatehouse.dev/test/openai-openapi.json";
    private static final JsonNode DOCUMENT = normalised(load());
    private static final JsonSchemaFactory FACTORY = factory();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private OpenAiSpec() {}

    /** The validator's messages for {@code node} against {@code #/components/schemas/<component>}; empty when valid. */
    public static Set<String> problems(String component, JsonNode node) {
        return schema(component).validate(node).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Fails with the validator's messages unless {@code node} is valid against the named component schema. */
    public static void assertValid(String component, JsonNode node) {
        Set<String> problems = problems(component, node);
        if (!problems.isEmpty()) {
            throw new AssertionError("not a valid " + component + ":\n  " + String.join("\n  ", problems) + "\nin: " + node);
        }
    }

    private static JsonSchema schema(String component) {
        return SCHEMAS.computeIfAbsent(component, c -> {
            if (!DOCUMENT.path("components").path("schemas").has(c)) throw new IllegalArgumentException("no component schema " + c);
            return FACTORY.getSchema(SchemaLocation.of(IRI + "#/components/schemas/" + c), CONFIG);
        });
    }

    private static JsonSchemaFactory factory() {
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi31.getInstance())
                .keyword(new NonValidationKeyword("nullable"))
                // the document's own fields (openapi, paths, ...) and x-* extensions carry no constraints
                .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
                .build();
        String text = DOCUMENT.toString();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b
                .metaSchema(dialect)
                .defaultMetaSchemaIri(dialect.getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(IRI, text))));
    }

    /** Applies the two rewrites described above, in place. */
    private static JsonNode normalised(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("discriminator");
            if (object.has("$ref") && object.path("nullable").asBoolean(false)) {
                ArrayNode anyOf = object.putArray("anyOf");
                anyOf.addObject().set("$ref", object.remove("$ref"));
                anyOf.addObject().put("type", "null");
                object.remove("nullable");
            }
        }
        node.forEach(OpenAiSpec::normalised);
        return node;
    }

    private static JsonNode load() {
        try {
            return new ObjectMapper().readTree(SPEC.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SPEC.toAbsolutePath() + " (tests run from the project root)", e);
        }
    }
}
