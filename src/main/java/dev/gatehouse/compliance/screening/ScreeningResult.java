package dev.gatehouse.compliance.screening;

import java.util.List;

/** The hits of one screening, best first, and the band of the best (NONE when there is none). */
public record ScreeningResult(Subject subject, List<Hit> hits, Band band, Thresholds thresholds) {
    public ScreeningResult {
        hits = List.copyOf(hits);
    }

    public boolean blocked() { return band == Band.BLOCK; }
}
