package dev.gatehouse.policy.pii;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Detects personal information in a response that arrives in chunks, without holding back any
 * text: it only observes. Each chunk is scanned together with a tail of the text before it, and
 * a finding is reported once both its left and right context ({@value #MARGIN} characters, more
 * than any detector looks around) are known, so a number cut in two by a chunk boundary is judged
 * as a whole. Findings carry offsets in the whole stream. Findings longer than
 * {@value #MAX_FINDING} characters (absurdly long e-mail addresses) are reported only when they
 * fit in one window. Not thread-safe; one per response stream.
 */
public final class StreamingScanner {
    static final int MARGIN = 40;
    static final int MAX_FINDING = 256;
    private static final int TAIL = 2 * MARGIN + MAX_FINDING;

    private final Redactor redactor;
    private final StringBuilder window = new StringBuilder();
    private final Set<Finding> reported = new HashSet<>();
    private long windowStart;

    public StreamingScanner(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Feeds the next chunk; returns the findings whose extent is now settled. */
    public List<Finding> accept(CharSequence chunk) {
        window.append(chunk);
        List<Finding> out = settled(false);
        int drop = Math.max(0, window.length() - TAIL);
        window.delete(0, drop);
        windowStart += drop;
        long start = windowStart;
        reported.removeIf(f -> f.end() < start);
        return out;
    }

    /** Ends the stream; returns the findings not reported yet. */
    public List<Finding> finish() {
        List<Finding> out = settled(true);
        window.setLength(0);
        reported.clear();
        return out;
    }

    private List<Finding> settled(boolean atEnd) {
        int leftLimit = windowStart == 0 ? 0 : MARGIN;
        int rightLimit = atEnd ? window.length() : window.length() - MARGIN;
        List<Finding> out = new ArrayList<>();
        for (Finding f : redactor.scan(window)) {
            if (f.start() >= leftLimit && f.end() <= rightLimit) {
                Finding absolute = new Finding(f.kind(), Math.toIntExact(windowStart + f.start()),
                        Math.toIntExact(windowStart + f.end()), f.text());
                if (reported.add(absolute)) {
                    out.add(absolute);
                }
            }
        }
        return out;
    }
}
