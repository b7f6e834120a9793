package dev.gatehouse.policy.facts;

import java.util.Locale;

/**
 * Where a customer stands with restricted-party screening, as the policy needs it:
 * {@link #CLEAR} nothing open; {@link #REVIEW} an open case in the review band; {@link #HIT} an
 * open case in the block band, or a case compliance decided is a true match. A case decided a
 * false positive no longer counts. Ordered from least to most serious.
 */
public enum ScreeningState {
    CLEAR, REVIEW, HIT;

    // computed once: wire() is asked on every request (policy facts, audit entries)
    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used on the wire and in decision traces. */
    public String wire() { return wire; }

    /** The more serious of the two. */
    ScreeningState worst(ScreeningState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
