package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Hunyuan API 2023-09-01 wire types (PascalCase, as Tencent's SDK models name them). Requests
 * leave out null fields, because Tencent rejects parameters a model does not know; responses
 * ignore fields the gateway does not use (SearchInfo, Replaces, ...), which Tencent adds over time.
 */
final class HunyuanWire {
    private HunyuanWire() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatRequest(
            @JsonProperty("Model") String model,
            @JsonProperty("Messages") List<Message> messages,
            @JsonProperty("Stream") Boolean stream,
            @JsonProperty("Temperature") Double temperature,
            @JsonProperty("TopP") Double topP,
            @JsonProperty("Seed") Long seed,
            @JsonProperty("Tools") List<Tool> tools,
            @JsonProperty("ToolChoice") String toolChoice,
            @JsonProperty("CustomTool") Tool customTool) {
    }

    /** A chat message; also the shape of a streamed {@code Delta}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(
            @JsonProperty("Role") String role,
            @JsonProperty("Content") String content,
            @JsonProperty("Contents") List<ContentPart> contents,
            @JsonProperty("ToolCallId") String toolCallId,
            @JsonProperty("ToolCalls") List<ToolCall> toolCalls,
            @JsonProperty("ReasoningContent") String reasoningContent) {
    }

    /** One part of a multimodal message (hunyuan-vision models): {@code text} or {@code image_url}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContentPart(
            @JsonProperty("Type") String type,
            @JsonProperty("Text") String text,
            @JsonProperty("ImageUrl") ImageUrl imageUrl) {
    }

    record ImageUrl(@JsonProperty("Url") String url) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Tool(@JsonProperty("Type") String type, @JsonProperty("Function") ToolFunction function) {
    }

    /** {@code Parameters} is the JSON Schema as a JSON string, not an object. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolFunction(
            @JsonProperty("Name") String name,
            @JsonProperty("Parameters") String parameters,
            @JsonProperty("Description") String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ToolCall(
            @JsonProperty("Id") String id,
            @JsonProperty("Type") String type,
            @JsonProperty("Function") ToolCallFunction function,
            @JsonProperty("Index") Long index) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ToolCallFunction(@JsonProperty("Name") String name, @JsonProperty("Arguments") String arguments) {
    }

    /** The {@code Response} object of a chat completion, and also one streamed event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChatResponse(
            @JsonProperty("Id") String id,
            @JsonProperty("Created") Long created,
            @JsonProperty("Choices") List<Choice> choices,
            @JsonProperty("Usage") TokenUsage usage,
            @JsonProperty("RequestId") String requestId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(
            @JsonProperty("FinishReason") String finishReason,
            @JsonProperty("Delta") Message delta,
            @JsonProperty("Message") Message message,
            @JsonProperty("Index") Long index) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenUsage(
            @JsonProperty("PromptTokens") Long promptTokens,
            @JsonProperty("CompletionTokens") Long completionTokens,
            @JsonProperty("TotalTokens") Long totalTokens) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EmbeddingRequest(@JsonProperty("Input") String input, @JsonProperty("InputList") List<String> inputList) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EmbeddingResponse(
            @JsonProperty("Data") List<EmbeddingData> data,
            @JsonProperty("Usage") TokenUsage usage) {
    }

    /** {@code Embedding} stays a JSON array so float output passes through without re-rounding. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EmbeddingData(
            @JsonProperty("Embedding") JsonNode embedding,
            @JsonProperty("Index") Long index,
            @JsonProperty("Object") String object) {
    }
}
