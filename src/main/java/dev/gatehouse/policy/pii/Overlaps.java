package dev.gatehouse.policy.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Deterministic resolution of findings from several detectors that cover the same characters
 * (an ID number is also a Luhn-valid digit run one time in ten; a card contains phone-like digits).
 * The longest finding wins; at equal length the sensitive kind wins, then the kind declared first
 * in {@link PiiKind}, then the earlier start.
 */
final class Overlaps {
    private static final Comparator<Finding> PRECEDENCE = Comparator
            .comparingInt(Finding::length).reversed()
            .thenComparing(f -> f.kind().sensitivity(), Comparator.reverseOrder())
            .thenComparing(Finding::kind)
            .thenComparingInt(Finding::start);

    private Overlaps() {
    }

    /** Non-overlapping findings ordered by position. */
    static List<Finding> resolve(List<Finding> findings) {
        List<Finding> byPrecedence = new ArrayList<>(findings);
        byPrecedence.sort(PRECEDENCE);
        List<Finding> kept = new ArrayList<>();
        for (Finding candidate : byPrecedence) {
            if (kept.stream().noneMatch(candidate::overlaps)) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }
}
