package dev.gatehouse.compliance.kyc;

import dev.gatehouse.compliance.screening.Band;
import dev.gatehouse.compliance.screening.Hit;

import java.util.List;

/** A hit as a screening run stored it: which list entry, which of its names met which of the customer's, the score and why. */
public record RunHit(String list, String entryId, String entryName, String matchedName, String subjectName,
                     double score, Band band, List<String> explanation) {
    public RunHit {
        explanation = List.copyOf(explanation);
    }

    static RunHit of(Hit h) {
        return new RunHit(h.list(), h.entryId(), h.entryName(), h.matchedName(), h.subjectName(), h.score(), h.band(), h.explanation());
    }
}
