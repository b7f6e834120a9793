package dev.gatehouse.policy.pii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Realistic request bodies for the prompt tests, read fresh each time (the tests change them in place). */
final class ChatBodies {
    /** A valid PRC ID number (province 44, born 1990-03-07, correct ISO 7064 check digit). */
    static final String ID = "440305199003071236";
    static final String MOBILE = "13812345678";
    static final String BACKUP_MOBILE_DASHED = "+86 139-1234-5678";
    static final String BACKUP_MOBILE_SPACED = "139 1234 5678";
    static final String CARD = "6222 0212 3456 7890 128";
    static final String EMAIL = "zhang.wei@example.com";
    /** Look like personal data and are not: a Luhn-valid order number, epoch ms, timestamps, a version. */
    static final List<String> NOT_PERSONAL = List.of("6228480402564890018", "1710489045008", "202403151230458875",
            "20240315123045", "2024-03-15 12:30:45", "v2.13.812.345");

    private ChatBodies() {}

    /** A bank customer-service conversation with an ID number, mobiles, a card, an e-mail and a tool call. */
    static ObjectNode chat() {
        try (InputStream in = ChatBodies.class.getResourceAsStream("/pii/chat-with-personal-data.json")) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
