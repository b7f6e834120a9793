package dev.gatehouse.policy.pii;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces personal information with typed placeholders such as {@code [ID_NUMBER_1]} and keeps
 * what it replaced so the response can be restored. Immutable and thread-safe; the per-request
 * state lives in a {@link Session}, so that the same person's phone number in two messages of one
 * request gets the same placeholder.
 */
public final class Redactor {
    private static final Set<PiiKind> ALL_KINDS = Collections.unmodifiableSet(EnumSet.allOf(PiiKind.class));
    private final List<PiiDetector> detectors;

    public Redactor(List<PiiDetector> detectors) {
        this.detectors = List.copyOf(Objects.requireNonNull(detectors, "detectors"));
    }

    /** All findings of all detectors in {@code text}, overlaps resolved, ordered by position. */
    public List<Finding> scan(CharSequence text) {
        TextProfile profile = TextProfile.of(text);
        List<Finding> all = null;
        for (PiiDetector detector : detectors) {
            if (!detector.mayMatch(profile)) {
                continue;
            }
            List<Finding> found = detector.detect(text);
            if (!found.isEmpty()) {
                if (all == null) {
                    all = new ArrayList<>(found);
                } else {
                    all.addAll(found);
                }
            }
        }
        return all == null ? List.of() : Overlaps.resolve(all);
    }

    /**
     * The findings in {@code text} when it follows {@code context} (a JSON key such as
     * {@code "order_no: "}, which tells a card number from an order number), offsets within {@code text}.
     */
    public List<Finding> scan(String context, String text) {
        if (context.isEmpty()) {
            return scan(text);
        }
        int offset = context.length();
        List<Finding> out = new ArrayList<>(0);
        for (Finding f : scan(context + text)) {
            if (f.start() >= offset) {
                out.add(new Finding(f.kind(), f.start() - offset, f.end() - offset, f.text()));
            }
        }
        return out;
    }

    /** Redacts one text on its own; for a request with several messages use {@link #newSession()}. */
    public Redaction redact(CharSequence text) {
        Session session = newSession();
        String redacted = session.redact(text);
        return new Redaction(redacted, session.map(), session.findings());
    }

    public Session newSession() {
        return new Session();
    }

    /** The result of redacting one text: what to send upstream, how to restore, and what was found. */
    public record Redaction(String text, RedactionMap map, List<Finding> findings) {
        public Redaction {
            findings = List.copyOf(findings);
        }
    }

    /** Placeholder numbering for one request. Not thread-safe. */
    public final class Session {
        private final Map<String, String> placeholderByValue = new LinkedHashMap<>();
        private final Map<String, String> originalByPlaceholder = new LinkedHashMap<>();
        private final Map<PiiKind, Integer> counters = new EnumMap<>(PiiKind.class);
        private final List<Finding> findings = new ArrayList<>();

        private Session() {
        }

        /** Returns {@code text} with every finding replaced by its placeholder. */
        public String redact(CharSequence text) {
            return redact(text, ALL_KINDS);
        }

        /**
         * Returns {@code text} with the findings of {@code kinds} replaced by their placeholders;
         * other kinds stay as they are. Overlaps are resolved among all detectors first, so the
         * digits of an ID number are never redacted as a phone number when only phones are asked
         * for. A text without such findings comes back as the same String instance.
         */
        public String redact(CharSequence text, Set<PiiKind> kinds) {
            return replace(text, scan(text), kinds);
        }

        /** As {@link #redact(CharSequence, Set)} for a text read after {@code context} (see {@link #scan(String, String)}). */
        public String redact(String context, String text, Set<PiiKind> kinds) {
            return replace(text, scan(context, text), kinds);
        }

        private String replace(CharSequence text, List<Finding> found, Set<PiiKind> kinds) {
            StringBuilder out = null;
            int last = 0;
            for (Finding f : found) {
                if (!kinds.contains(f.kind())) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, f.start()).append(placeholderFor(f));
                last = f.end();
                findings.add(f);
            }
            if (out == null) {
                return text.toString();
            }
            out.append(text, last, text.length());
            return out.toString();
        }

        private String placeholderFor(Finding f) {
            String key = f.kind() + "\u0000" + f.normalised();
            return placeholderByValue.computeIfAbsent(key, k -> {
                int n = counters.merge(f.kind(), 1, Integer::sum);
                String placeholder = "[" + f.kind().placeholderLabel() + "_" + n + "]";
                originalByPlaceholder.put(placeholder, f.text());
                return placeholder;
            });
        }

        /** Everything redacted so far in this request; offsets are relative to the text each was found in. */
        public List<Finding> findings() {
            return List.copyOf(findings);
        }

        /** A snapshot of the placeholders issued so far. */
        public RedactionMap map() {
            return new RedactionMap(originalByPlaceholder);
        }
    }
}
