package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure the simulator plays instead of (or in the middle of) a normal answer.
 *
 * @param model       only requests for this model (or Azure deployment); null matches all
 * @param path        only requests whose path contains this text; null matches all
 * @param kind        what goes wrong
 * @param status      the HTTP status of a {@link Kind#STATUS} fault
 * @param retryAfter  the {@code Retry-After} header of a status fault, or null
 * @param times       how many requests the fault applies to; 0 means every matching request
 * @param afterChunks how many stream events go out before a mid-stream fault strikes
 * @param delayMs     the pause between stream events of {@link Kind#SLOW_CHUNKS}
 * @param body        a raw body that replaces the generated error body of a status fault, or null
 */
public record Fault(String model, String path, Kind kind, int status, String retryAfter, int times,
                    int afterChunks, long delayMs, String body) {

    /** The fault kinds, named on the wire in lower case ({@code reset_mid_stream}). */
    public enum Kind {
        /** Answer with an error status in the dialect's error shape. */
        STATUS,
        /** Read the request and never answer: the client's timeout must fire. */
        HANG,
        /** Close the connection before any response. */
        RESET,
        /** Send some stream events (or part of the body), then close the connection. */
        RESET_MID_STREAM,
        /** Send a {@code data:} line that is not JSON among the stream events (or a cut-off body). */
        MALFORMED_CHUNK,
        /** Wait {@code delayMs} before every stream event (or before a plain answer). */
        SLOW_CHUNKS;

        public String wireName() { return name().toLowerCase(Locale.ROOT); }

        static Kind ofWireName(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fault kind '" + s + "'");
            }
        }
    }

    private static final int DEFAULT_AFTER_CHUNKS = 2;
    private static final long DEFAULT_DELAY_MS = 2000;
    /** {@code fault-500}, {@code fault-429}, {@code fault-hang}, {@code fault-reset-mid-stream}, ... anywhere in a model name. */
    private static final Pattern MODEL_CONVENTION =
            Pattern.compile("fault-(\\d{3}|hang|reset-mid-stream|reset|malformed-chunk|slow-chunks)");

    public Fault {
        if (kind == null) throw new IllegalArgumentException("fault kind is required");
        if (kind == Kind.STATUS && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("a status fault needs a status between 100 and 599");
        }
        if (times < 0 || afterChunks < 0 || delayMs < 0) throw new IllegalArgumentException("fault counts must not be negative");
    }

    /** An error status on every matching request. */
    public static Fault status(int status) {
        return new Fault(null, null, Kind.STATUS, status, status == 429 ? "1" : null, 0, DEFAULT_AFTER_CHUNKS, DEFAULT_DELAY_MS, null);
    }

    /** A fault of the given kind on every matching request, with the default chunk count and delay. */
    public static Fault of(Kind kind) {
        return new Fault(null, null, kind, kind == Kind.STATUS ? 500 : 0, null, 0, DEFAULT_AFTER_CHUNKS, DEFAULT_DELAY_MS, null);
    }

    public Fault forModel(String m) { return new Fault(m, path, kind, status, retryAfter, times, afterChunks, delayMs, body); }

    public Fault forPath(String p) { return new Fault(model, p, kind, status, retryAfter, times, afterChunks, delayMs, body); }

    public Fault times(int n) { return new Fault(model, path, kind, status, retryAfter, n, afterChunks, delayMs, body); }

    public Fault afterChunks(int n) { return new Fault(model, path, kind, status, retryAfter, times, n, delayMs, body); }

    public Fault delayMs(long ms) { return new Fault(model, path, kind, status, retryAfter, times, afterChunks, ms, body); }

    public Fault retryAfter(String s) { return new Fault(model, path, kind, status, s, times, afterChunks, delayMs, body); }

    public Fault body(String b) { return new Fault(model, path, kind, status, retryAfter, times, afterChunks, delayMs, b); }

    boolean matches(String requestPath, String requestModel) {
        return (model == null || model.equals(requestModel)) && (path == null || requestPath.contains(path));
    }

    /**
     * The fault a model name asks for by convention, so that a config file alone can show failures:
     * {@code fault-500} answers 500, {@code fault-429} answers 429 with {@code Retry-After: 1}.
     */
    static Optional<Fault> fromModelName(String model) {
        if (model == null) return Optional.empty();
        Matcher m = MODEL_CONVENTION.matcher(model);
        if (!m.find()) return Optional.empty();
        String what = m.group(1);
        return Optional.of(Character.isDigit(what.charAt(0)) ? status(Integer.parseInt(what)) : of(Kind.ofWireName(what)));
    }

    /** Reads the admin API's {@code {"match":{...},"fault":"status","status":429,...}}. */
    static Fault fromJson(JsonNode json) {
        if (json == null || !json.isObject()) throw new IllegalArgumentException("a fault must be a JSON object");
        JsonNode match = json.path("match");
        Kind kind = Kind.ofWireName(json.path("fault").asText(""));
        int status = json.path("status").asInt(kind == Kind.STATUS ? 500 : 0);
        String retryAfter = text(json.get("retry_after"));
        if (retryAfter == null && kind == Kind.STATUS && status == 429) retryAfter = "1";
        return new Fault(text(match.get("model")), text(match.get("path")), kind, status, retryAfter,
                json.path("times").asInt(0), json.path("after_chunks").asInt(DEFAULT_AFTER_CHUNKS),
                json.path("delay_ms").asLong(DEFAULT_DELAY_MS), text(json.get("body")));
    }

    ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        ObjectNode match = n.putObject("match");
        if (model != null) match.put("model", model);
        if (path != null) match.put("path", path);
        n.put("fault", kind.wireName());
        if (kind == Kind.STATUS) n.put("status", status);
        if (retryAfter != null) n.put("retry_after", retryAfter);
        n.put("times", times);
        n.put("after_chunks", afterChunks);
        n.put("delay_ms", delayMs);
        if (body != null) n.put("body", body);
        return n;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
