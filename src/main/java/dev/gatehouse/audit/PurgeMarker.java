package dev.gatehouse.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a retention purge entry (category {@code retention}, action {@value #ACTION}) records in its
 * after_json: every {@code category} entry with ts before {@code before} and seq at most
 * {@code upToSeq} that was not yet purged had its body erased, {@code purged} of them.
 * The verifier holds each erased entry against the first later marker that covers it.
 */
record PurgeMarker(AuditCategory category, Instant before, long upToSeq, int purged) {
    static final String ACTION = "retention.purge";

    boolean covers(AuditCategory c, Instant ts, long seq) {
        return c == category && ts.isBefore(before) && seq <= upToSeq;
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", category.wire());
        m.put("before", before.toString());
        m.put("up_to_seq", upToSeq);
        m.put("purged", purged);
        try {
            return Json.MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }

    /** The marker in a retention entry, or null if the entry is not a well-formed purge record. */
    static PurgeMarker of(AuditEntry e) {
        if (e.category() != AuditCategory.RETENTION || !ACTION.equals(e.action()) || e.afterJson() == null) return null;
        try {
            JsonNode n = Json.MAPPER.readTree(e.afterJson());
            return new PurgeMarker(AuditCategory.parse(n.path("category").asText()), Instant.parse(n.path("before").asText()),
                    n.path("up_to_seq").asLong(), n.path("purged").asInt());
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException ex) {
            return null;
        }
    }
}
