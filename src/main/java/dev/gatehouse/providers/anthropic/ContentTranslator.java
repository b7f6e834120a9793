package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** OpenAI message content (a string or an array of parts) as Anthropic content blocks. */
final class ContentTranslator {
    private static final String BASE64_MARKER = ";base64";

    private ContentTranslator() {}

    /** The texts of content that may only hold text (system, developer, assistant, tool messages). */
    static List<String> texts(JsonNode content, String at) {
        if (content != null && content.isTextual()) return List.of(content.asText());
        if (content == null || !content.isArray()) {
            throw GatewayException.invalid("content must be a string or an array of text parts", at);
        }
        List<String> texts = new ArrayList<>();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> texts.add(text(part, at + "[" + j + "]"));
                case "refusal" -> { } // an earlier refusal is not something to say back to the model
                default -> throw GatewayException.invalid("content part type '" + type + "' is not allowed here", at + "[" + j + "].type");
            }
        }
        return texts;
    }

    /** User content: text and images. */
    static ArrayNode userBlocks(JsonNode content, String at) {
        ArrayNode blocks = Json.MAPPER.createArrayNode();
        if (content != null && content.isTextual()) {
            if (!content.asText().isEmpty()) blocks.addObject().put("type", "text").put("text", content.asText());
            return blocks;
        }
        if (content == null || !content.isArray()) {
            throw GatewayException.invalid("content must be a string or an array of content parts", at);
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String partAt = at + "[" + j + "]";
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> {
                    String text = text(part, partAt);
                    if (!text.isEmpty()) blocks.addObject().put("type", "text").put("text", text);
                }
                case "image_url" -> blocks.add(image(part.path("image_url"), partAt + ".image_url.url"));
                default -> throw GatewayException.invalid(
                        "content part type '" + type + "' is not supported by Anthropic models", partAt + ".type");
            }
        }
        return blocks;
    }

    private static String text(JsonNode part, String at) {
        JsonNode text = part.get("text");
        if (text == null || !text.isTextual()) throw GatewayException.invalid("a text part needs 'text'", at + ".text");
        return text.asText();
    }

    /** A {@code data:} URI travels inline as base64; an http(s) URL is fetched by Anthropic itself. */
    private static ObjectNode image(JsonNode imageUrl, String at) {
        String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText("");
        ObjectNode block = Json.MAPPER.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(BASE64_MARKER)) {
                throw GatewayException.invalid("an image data URI must be base64, like data:image/png;base64,...", at);
            }
            String mediaType = header.substring(0, header.indexOf(';'));
            if (mediaType.isEmpty()) throw GatewayException.invalid("an image data URI needs a media type", at);
            source.put("type", "base64").put("media_type", mediaType).put("data", url.substring(comma + 1));
            return block;
        }
        if (url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7)) {
            source.put("type", "url").put("url", url);
            return block;
        }
        throw GatewayException.invalid("an image URL must be an http(s) URL or a base64 data URI", at);
    }
}
