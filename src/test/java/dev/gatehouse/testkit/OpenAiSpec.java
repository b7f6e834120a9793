package dev.gatehouse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates JSON against a component schema of OpenAI's OpenAPI description
 * ({@code ../shared/specs/openai-openapi.json}), e.g.
 * {@code OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", chunk)}.
 * The spec is loaded once. It mixes OpenAPI 3.0's {@code nullable: true} into 3.1 schemas, so the
 * dialect is OpenAPI 3.1 plus {@code nullable} as a known keyword, and the validator honours it.
 * A {@code nullable: true} beside a {@code $ref} (e.g. a stream chunk's {@code usage}, which OpenAI
 * documents as null on every chunk but the last) is rewritten to {@code anyOf: [$ref, null]}: the
 * validator applies {@code nullable} only where the {@code type} is, inside the referenced schema.
 */
public final class OpenAiSpec {
    private static final Path SPEC = Path.of("..", "shared", "specs", "openai-openapi.json");
    private static final JsonNode DOCUMENT = load();
    private static final String BASE = SPEC.toAbsolutePath().normalize().toUri().toString();
    private static final JsonSchemaFactory FACTORY = factory();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private OpenAiSpec() {}

    /** The validator's messages for {@code node} against {@code #/components/schemas/<component>}; empty when valid. */
    public static Set<String> problems(String component, JsonNode node) {
        return schema(component).validate(node).stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(java.util.TreeSet::new));
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
            // loaded by IRI with a JSON pointer into the whole document, so every #/components/schemas/... reference resolves
            return FACTORY.getSchema(SchemaLocation.of(BASE + "#/components/schemas/" + c), CONFIG);
        });
    }

    private static JsonSchemaFactory factory() {
        JsonMetaSchema openApi31 = OpenApi31.getInstance();
        JsonMetaSchema dialect = JsonMetaSchema.builder(openApi31.getIri(), openApi31)
                .keyword(new NonValidationKeyword("nullable"))
                // the document's own fields (openapi, paths, ...) and x-* extensions carry no constraints
                .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
                .build();
        String document = DOCUMENT.toString();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri())
                        .schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, document))));
    }

    /** Rewrites every {@code {$ref, nullable: true}} to {@code {anyOf: [{$ref}, {type: null}]}}, in place. */
    private static void nullableReferences(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("$ref") && object.path("nullable").asBoolean(false)) {
            ObjectNode ref = object.objectNode().set("$ref", object.remove("$ref"));
            object.remove("nullable");
            object.putArray("anyOf").add(ref).addObject().put("type", "null");
        }
        node.forEach(OpenAiSpec::nullableReferences);
    }

    private static JsonNode load() {
        try {
            JsonNode document = new ObjectMapper().readTree(SPEC.toFile());
            nullableReferences(document);
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SPEC.toAbsolutePath() + " (tests run from the project root)", e);
        }
    }
}
