package dev.gatehouse.policy.pii;

import java.util.Objects;

/** One piece of personal information found at {@code [start, end)} of the scanned text. */
public record Finding(PiiKind kind, int start, int end, String text) {
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (start < 0 || end <= start || end - start != text.length()) {
            throw new IllegalArgumentException("bad span [" + start + "," + end + ") for '" + text + "'");
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }

    public String normalised() {
        return kind.normalise(text);
    }
}
