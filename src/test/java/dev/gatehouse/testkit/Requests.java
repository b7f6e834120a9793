package dev.gatehouse.testkit;

import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

import java.util.List;
import java.util.Map;

/** The requests the end-to-end tests send, built with the official OpenAI Java SDK. */
public final class Requests {
    /** The prompt of most tests; the simulator echoes its first words. */
    public static final String PROMPT = "Tell me about the harbour lights";
    /** JSON Schema of the {@code get_weather} tool's arguments. */
    public static final Map<String, Object> WEATHER_PARAMETERS = Map.of(
            "type", "object",
            "properties", Map.of("city", Map.of("type", "string"), "days", Map.of("type", "integer", "minimum", 1)),
            "required", List.of("city", "days"));
    /** JSON Schema of a structured reply. */
    public static final Map<String, Object> PERSON_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of("name", Map.of("type", "string"), "age", Map.of("type", "integer"),
                    "tags", Map.of("type", "array", "items", Map.of("type", "string"))),
            "required", List.of("name", "age", "tags"),
            "additionalProperties", false);

    private Requests() {}

    public static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(PROMPT);
    }

    public static ChatCompletionCreateParams streamedWithUsage(String model) {
        return chat(model).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    }

    public static ChatCompletionFunctionTool weatherTool() {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        WEATHER_PARAMETERS.forEach((k, v) -> parameters.putAdditionalProperty(k, JsonValue.from(v)));
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder().name("get_weather").description("The weather forecast of a city")
                        .parameters(parameters.build()).build())
                .build();
    }

    public static ResponseFormatJsonSchema personFormat() {
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder schema = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        PERSON_SCHEMA.forEach((k, v) -> schema.putAdditionalProperty(k, JsonValue.from(v)));
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder().name("person").strict(true).schema(schema.build()).build())
                .build();
    }
}
