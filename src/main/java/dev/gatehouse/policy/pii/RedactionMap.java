package dev.gatehouse.policy.pii;

import com.fasterxml.jackson.databind.node.TextNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The placeholders issued for one request and the values they stand for. Holds personal data:
 * keep it only for the lifetime of the request and never log it.
 */
public final class RedactionMap {
    private final Map<String, String> originals;
    private final int maxPlaceholderLength;

    RedactionMap(Map<String, String> placeholderToOriginal) {
        this.originals = Map.copyOf(placeholderToOriginal);
        this.maxPlaceholderLength = originals.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    public static RedactionMap empty() {
        return new RedactionMap(Map.of());
    }

    /** The original value behind {@code placeholder} (e.g. {@code [PHONE_1]}), if this request issued it. */
    public Optional<String> original(String placeholder) {
        return Optional.ofNullable(originals.get(placeholder));
    }

    public int size() {
        return originals.size();
    }

    public boolean isEmpty() {
        return originals.isEmpty();
    }

    /** Length of the longest placeholder, the most a streaming restorer ever holds back. */
    public int maxPlaceholderLength() {
        return maxPlaceholderLength;
    }

    /** Whether {@code text} could still grow into one of this map's placeholders. */
    boolean isPrefixOfPlaceholder(CharSequence text) {
        String s = text.toString();
        return originals.keySet().stream().anyMatch(p -> p.length() > s.length() && p.startsWith(s));
    }

    /** Restores every placeholder in a complete text; unknown bracketed words are left as they are. */
    public String restore(CharSequence text) {
        StreamingRestorer restorer = streamingRestorer();
        return restorer.accept(text) + restorer.finish();
    }

    /** A restorer for a response that arrives in chunks. */
    public StreamingRestorer streamingRestorer() {
        return new StreamingRestorer(this);
    }

    /**
     * The same placeholders with their values escaped for the inside of a JSON string, for
     * restoring placeholders in text that is itself JSON (a tool call's arguments).
     */
    public RedactionMap jsonEscaped() {
        Map<String, String> escaped = new LinkedHashMap<>();
        originals.forEach((placeholder, value) -> {
            String quoted = TextNode.valueOf(value).toString();
            escaped.put(placeholder, quoted.substring(1, quoted.length() - 1));
        });
        return new RedactionMap(escaped);
    }

    /** Placeholders in issue order, for diagnostics in tests; values are personal data. */
    Map<String, String> asMap() {
        return new LinkedHashMap<>(originals);
    }

    @Override
    public String toString() {
        // never print the values
        return "RedactionMap" + originals.keySet();
    }
}
