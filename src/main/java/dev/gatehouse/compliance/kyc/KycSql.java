package dev.gatehouse.compliance.kyc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.gatehouse.api.Json;

import java.util.List;

/** JSON text columns of the KYC tables (times and text: {@link dev.gatehouse.store.Jdbc}). */
final class KycSql {
    private KycSql() {}

    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("KYC values always serialise", e);
        }
    }

    static <T> T json(String text, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored KYC JSON no longer reads: " + e.getOriginalMessage(), e);
        }
    }

    static List<String> strings(String json) { return json(json, new TypeReference<List<String>>() {}); }
}
