package dev.gatehouse.compliance.kyc;

import dev.gatehouse.compliance.screening.Band;

import java.time.Instant;
import java.util.List;

/**
 * One screening of one customer: why it ran ({@code created}, {@code updated}, {@code list_change:OFAC-SDN},
 * {@code rescreen_all}, ...), the band of its best hit and every hit at or above the review threshold.
 */
public record ScreeningRun(String id, String customerId, String cause, Band band, List<RunHit> hits, Instant screenedAt) {
    public ScreeningRun {
        hits = List.copyOf(hits);
    }
}
