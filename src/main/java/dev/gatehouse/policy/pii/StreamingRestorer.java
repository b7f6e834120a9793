package dev.gatehouse.policy.pii;

/**
 * Restores placeholders in a response delivered in chunks (SSE deltas) without delaying the
 * stream: text is emitted as soon as it cannot be the start of a placeholder, and only a possible
 * partial placeholder (from a {@code [} up to the longest placeholder's length) is held back
 * until the next chunk or {@link #finish()}. Not thread-safe; one per response stream.
 */
public final class StreamingRestorer {
    private final RedactionMap map;
    private final StringBuilder pending = new StringBuilder();

    StreamingRestorer(RedactionMap map) {
        this.map = map;
    }

    /** Feeds the next chunk and returns the text that can be emitted now (possibly empty). */
    public String accept(CharSequence chunk) {
        if (map.isEmpty() || (pending.isEmpty() && indexOf(chunk, '[') < 0)) {
            return chunk.toString(); // the common case: nothing to restore, nothing copied
        }
        pending.append(chunk);
        StringBuilder out = new StringBuilder(pending.length());
        int i = 0;
        while (i < pending.length()) {
            int open = pending.indexOf("[", i);
            if (open < 0) {
                out.append(pending, i, pending.length());
                i = pending.length();
                break;
            }
            out.append(pending, i, open);
            int close = pending.indexOf("]", open);
            if (close >= 0 && close - open < map.maxPlaceholderLength()) {
                String candidate = pending.substring(open, close + 1);
                var original = map.original(candidate);
                if (original.isPresent()) {
                    out.append(original.get());
                    i = close + 1;
                    continue;
                }
            } else if (close < 0 && map.isPrefixOfPlaceholder(pending.subSequence(open, pending.length()))) {
                i = open;
                break; // hold back the possible start of a placeholder
            }
            out.append('[');
            i = open + 1;
        }
        pending.delete(0, i);
        return out.toString();
    }

    private static int indexOf(CharSequence s, char c) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Ends the stream and returns whatever was held back, unchanged. */
    public String finish() {
        String rest = pending.toString();
        pending.setLength(0);
        return rest;
    }

    /** Characters currently held back; never more than the longest placeholder. */
    public int heldBack() {
        return pending.length();
    }
}
