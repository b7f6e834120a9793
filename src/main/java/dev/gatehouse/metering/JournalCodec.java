package dev.gatehouse.metering;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The journal's frame: {@code [int length][int CRC-32C of the payload][payload]}, big-endian, the
 * payload being the record as a JSON object with short field names.
 * <p>Why length-prefixed with a CRC rather than JSON lines: after a crash the tail of a file may
 * hold a half-written record, or (after power loss) zeros or stale bytes where the file system
 * had extended it. A length tells where a record must end and the CRC proves its bytes are the
 * ones written, so a torn or garbled tail is always recognised, never half-read as a shorter
 * valid record. JSON inside keeps the payload readable and tolerant of added fields.
 */
final class JournalCodec {
    static final int HEADER_BYTES = 8;
    /** No record comes near this; a larger length can only be garbage. */
    static final int MAX_PAYLOAD = 64 * 1024;

    private JournalCodec() {}

    static byte[] frame(UsageRecord r) {
        byte[] payload = payload(r);
        if (payload.length > MAX_PAYLOAD) throw new IllegalArgumentException("usage record too large: " + payload.length + " bytes");
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        b.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
        return b.array();
    }

    /** Whether {@code payload} matches the CRC stored in its frame header. */
    static boolean intact(byte[] payload, int storedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue() == storedCrc;
    }

    private static byte[] payload(UsageRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("t", r.time().toString());
            g.writeStringField("id", r.requestId());
            str(g, "cus", r.customerId());
            str(g, "prj", r.projectId());
            str(g, "key", r.keyId());
            str(g, "route", r.route());
            str(g, "prov", r.provider());
            str(g, "model", r.upstreamModel());
            str(g, "region", r.region());
            g.writeNumberField("status", r.status());
            str(g, "err", r.errorCode());
            g.writeNumberField("in", r.inputTokens());
            g.writeNumberField("out", r.outputTokens());
            g.writeNumberField("cached", r.cachedTokens());
            g.writeBooleanField("reported", r.tokensReported());
            g.writeNumberField("usd", r.costUsdNanos());
            g.writeNumberField("cny", r.costCnyNanos());
            str(g, "price", r.priceId());
            g.writeNumberField("lat", r.latencyMs());
            if (r.ttfbMs() != null) g.writeNumberField("ttfb", r.ttfbMs());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) g.writeStringField(name, value);
    }

    static UsageRecord decode(byte[] payload) throws IOException {
        JsonNode n = Json.MAPPER.readTree(payload);
        return new UsageRecord(Instant.parse(n.path("t").asText()), n.path("id").asText(),
                text(n, "cus"), text(n, "prj"), text(n, "key"), text(n, "route"), text(n, "prov"),
                text(n, "model"), text(n, "region"), n.path("status").asInt(), text(n, "err"),
                n.path("in").asLong(), n.path("out").asLong(), n.path("cached").asLong(), n.path("reported").asBoolean(),
                n.path("usd").asLong(), n.path("cny").asLong(), text(n, "price"),
                n.path("lat").asInt(), n.has("ttfb") ? n.get("ttfb").asInt() : null);
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }
}
