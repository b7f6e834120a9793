package dev.gatehouse.simulator;

import dev.gatehouse.api.Usage;
import io.vertx.core.MultiMap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bounded request log and the counters. Written on the event loop, read by tests and the
 * admin API, so every method is synchronized (the simulator is a test tool; contention is nil).
 */
final class Recorder {
    static final int CAPACITY = 10_000;
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "api-key", "x-api-key", "proxy-authorization", "cookie");

    private final ArrayDeque<RecordedRequest> log = new ArrayDeque<>();
    private long seq;
    private long received;
    private long completed;
    private long failed;
    private long promptTokens;
    private long completionTokens;
    private final Map<String, Long> byPath = new TreeMap<>();
    private final Map<String, Long> byModel = new TreeMap<>();
    private final Map<String, Long> completedByModel = new TreeMap<>();

    synchronized void received(String method, String path, String query, MultiMap headers, byte[] body) {
        received++;
        byPath.merge(path, 1L, Long::sum);
        if (log.size() == CAPACITY) log.removeFirst();
        log.addLast(new RecordedRequest(++seq, Instant.now(), method, path, query, masked(headers),
                new String(body, StandardCharsets.UTF_8)));
    }

    synchronized void model(String model) {
        if (model != null) byModel.merge(model, 1L, Long::sum);
    }

    /** An answer went out to its last byte; {@code usage} is null for error answers. */
    synchronized void sent(String model, Usage usage) {
        if (usage == null) {
            failed++;
            return;
        }
        completed++;
        promptTokens += usage.promptTokens();
        completionTokens += usage.completionTokens();
        if (model != null) completedByModel.merge(model, 1L, Long::sum);
    }

    synchronized List<RecordedRequest> requests() {
        return List.copyOf(log);
    }

    synchronized long completed() {
        return completed;
    }

    synchronized SimulatorStats stats() {
        return new SimulatorStats(received, completed, failed, Map.copyOf(byPath), Map.copyOf(byModel),
                Map.copyOf(completedByModel), promptTokens, completionTokens);
    }

    synchronized void clearRequests() {
        log.clear();
    }

    synchronized void reset() {
        log.clear();
        seq = received = completed = failed = promptTokens = completionTokens = 0;
        byPath.clear();
        byModel.clear();
        completedByModel.clear();
    }

    private static Map<String, List<String>> masked(MultiMap headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            String value = SECRET_HEADERS.contains(name) ? mask(h.getValue()) : h.getValue();
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    /** Keeps an auth scheme ({@code Bearer}, {@code TC3-HMAC-SHA256}) so tests can see which was used. */
    private static String mask(String value) {
        int space = value.indexOf(' ');
        return space > 0 ? value.substring(0, space) + " ***" : "***";
    }
}
