package dev.gatehouse.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a retention purge entry (category {@code retention}, action {@value #ACTION}) records in its
 * after_json. A purge by age: every {@code category} entry with ts before {@code before} and seq at
 * most {@code upToSeq} that was not yet purged had its body erased, {@code purged} of them. A purge
 * of one subject (a customer's KYC entries) names the erased entries' seqs instead, since other
 * entries of the category and age stay. The verifier holds each erased entry against the first
 * later marker that covers it.
 */
record PurgeMarker(AuditCategory category, Instant before, long upToSeq, int purged, String subject, Set<Long> seqs) {
    static final String ACTION = "retention.purge";

    PurgeMarker(AuditCategory category, Instant before, long upToSeq, int purged) {
        this(category, before, upToSeq, purged, null, null);
    }

    static PurgeMarker ofSubject(AuditCategory category, Instant now, long upToSeq, String subject, List<Long> seqs) {
        return new PurgeMarker(category, now, upToSeq, seqs.size(), subject, new TreeSet<>(seqs));
    }

    boolean covers(AuditCategory c, Instant ts, long seq) {
        if (c != category || seq > upToSeq) return false;
        return seqs == null ? ts.isBefore(before) : seqs.contains(seq);
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", category.wire());
        m.put("before", before.toString());
        m.put("up_to_seq", upToSeq);
        m.put("purged", purged);
        if (seqs != null) {
            m.put("subject", subject);
            m.put("seqs", seqs);
        }
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
            Set<Long> seqs = null;
            if (n.has("seqs")) {
                List<Long> list = new ArrayList<>();
                for (JsonNode s : n.get("seqs")) list.add(s.asLong());
                seqs = new TreeSet<>(list);
            }
            return new PurgeMarker(AuditCategory.parse(n.path("category").asText()), Instant.parse(n.path("before").asText()),
                    n.path("up_to_seq").asLong(), n.path("purged").asInt(), n.has("subject") ? n.get("subject").asText() : null, seqs);
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException ex) {
            return null;
        }
    }
}
