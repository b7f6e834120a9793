package dev.gatehouse.metering;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gatehouse.api.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The journal's frame: {@code [int length][int CRC-32C of the payload][payload]}, big-endian, the
 * payload being the record as a JSON object with short field names (the time as epoch second
 * {@code s} and nanosecond {@code ns}; journals written before 2026-11-23 carry it as ISO-8601 {@code t}).
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

    /** The record framed: header and payload in one buffer, encoded in place (no copy). */
    static ByteBuffer frame(UsageRecord r) {
        FrameBuffer out = new FrameBuffer();
        writePayload(r, out);
        int length = out.size() - HEADER_BYTES;
        if (length > MAX_PAYLOAD) throw new IllegalArgumentException("usage record too large: " + length + " bytes");
        return out.frame(length);
    }

    /** Whether {@code payload} matches the CRC stored in its frame header. */
    static boolean intact(byte[] payload, int storedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue() == storedCrc;
    }

    private static void writePayload(UsageRecord r, ByteArrayOutputStream out) {
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            // the time as two numbers: exact, and read without a date parser (older journals wrote "t", ISO-8601)
            g.writeNumberField("s", r.time().getEpochSecond());
            g.writeNumberField("ns", r.time().getNano());
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
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) g.writeStringField(name, value);
    }

    /**
     * Reads a payload with a streaming parser (a segment holds thousands of records: no tree per
     * record). Unknown fields are skipped, so a newer writer's additions do not stop an older reader.
     */
    static UsageRecord decode(byte[] payload) throws IOException {
        Instant time = null;
        long second = 0;
        int nano = 0;
        boolean numericTime = false;
        String id = null, customer = null, project = null, key = null, route = null, provider = null, model = null;
        String region = null, error = null, price = null;
        int status = 0, latency = 0;
        Integer ttfb = null;
        long in = 0, out = 0, cached = 0, usd = 0, cny = 0;
        boolean reported = false;
        try (JsonParser p = Json.MAPPER.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("a journal record is not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) continue;
                switch (field) {
                    case "s" -> { second = p.getLongValue(); numericTime = true; }
                    case "ns" -> nano = p.getIntValue();
                    case "t" -> time = Instant.parse(p.getText());
                    case "id" -> id = p.getText();
                    case "cus" -> customer = p.getText();
                    case "prj" -> project = p.getText();
                    case "key" -> key = p.getText();
                    case "route" -> route = p.getText();
                    case "prov" -> provider = p.getText();
                    case "model" -> model = p.getText();
                    case "region" -> region = p.getText();
                    case "status" -> status = p.getIntValue();
                    case "err" -> error = p.getText();
                    case "in" -> in = p.getLongValue();
                    case "out" -> out = p.getLongValue();
                    case "cached" -> cached = p.getLongValue();
                    case "reported" -> reported = p.getBooleanValue();
                    case "usd" -> usd = p.getLongValue();
                    case "cny" -> cny = p.getLongValue();
                    case "price" -> price = p.getText();
                    case "lat" -> latency = p.getIntValue();
                    case "ttfb" -> ttfb = p.getIntValue();
                    default -> p.skipChildren();
                }
            }
        }
        if (numericTime) time = Instant.ofEpochSecond(second, nano);
        if (time == null || id == null) throw new IOException("a journal record without its time or request id");
        return new UsageRecord(time, id, customer, project, key, route, provider, model, region, status, error,
                in, out, cached, reported, usd, cny, price, latency, ttfb);
    }

    /** Collects a frame: room for the header first, filled in once the payload's length is known. */
    private static final class FrameBuffer extends ByteArrayOutputStream {
        FrameBuffer() {
            super(384);
            count = HEADER_BYTES;
        }

        ByteBuffer frame(int length) {
            CRC32C crc = new CRC32C();
            crc.update(buf, HEADER_BYTES, length);
            ByteBuffer frame = ByteBuffer.wrap(buf, 0, count);
            frame.putInt(0, length).putInt(4, (int) crc.getValue());
            return frame;
        }
    }
}
