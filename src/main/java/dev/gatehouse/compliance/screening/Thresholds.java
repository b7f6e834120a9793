package dev.gatehouse.compliance.screening;

/**
 * Score thresholds: at or above {@code block} a hit suspends the customer pending review; at or
 * above {@code review} it opens a case. The defaults were tuned on the labelled set (docs/screening.md).
 */
public record Thresholds(double review, double block) {
    public static final Thresholds DEFAULTS = new Thresholds(0.85, 0.95);

    public Thresholds {
        if (!(review > 0 && review <= block && block <= 1)) {
            throw new IllegalArgumentException("thresholds need 0 < review <= block <= 1, not review " + review + ", block " + block);
        }
    }

    public Band band(double score) {
        return score >= block ? Band.BLOCK : score >= review ? Band.REVIEW : Band.NONE;
    }
}
