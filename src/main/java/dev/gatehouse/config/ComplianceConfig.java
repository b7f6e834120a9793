package dev.gatehouse.config;

import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * Know-your-customer settings. A screening score at or above {@code blockThreshold} suspends the
 * customer pending review; at or above {@code reviewThreshold} (but below block) it opens a case.
 * {@code kycRetention} is how long CIP records are kept after an account closes (an ISO-8601
 * period such as {@code P2Y}, the US proposal's two years by default). A foreign customer whose
 * usage over a report's period reaches {@code largeScaleTokens} or {@code largeScaleSpendUsd}
 * appears in the foreign large-scale use report.
 */
public record ComplianceConfig(Double reviewThreshold, Double blockThreshold, String kycRetention,
                               Long largeScaleTokens, Double largeScaleSpendUsd) {
    public static final ComplianceConfig DEFAULTS = new ComplianceConfig(0.85, 0.95, "P2Y", 100_000_000L, 10_000.0);

    public ComplianceConfig over(ComplianceConfig base) {
        return new ComplianceConfig(reviewThreshold != null ? reviewThreshold : base.reviewThreshold,
                blockThreshold != null ? blockThreshold : base.blockThreshold,
                kycRetention != null ? kycRetention : base.kycRetention,
                largeScaleTokens != null ? largeScaleTokens : base.largeScaleTokens,
                largeScaleSpendUsd != null ? largeScaleSpendUsd : base.largeScaleSpendUsd);
    }

    /** {@link #kycRetention} as a period; the loader has checked it parses and is positive. */
    public Period kycRetentionPeriod() { return period("compliance.kyc_retention", kycRetention); }

    /** Refuses thresholds out of order or range and a retention that is not a positive period (called by the loader). */
    void check() {
        if (!(reviewThreshold > 0 && reviewThreshold <= 1)) {
            throw new InvalidField("compliance.review_threshold", "must be a score above 0 and at most 1, not " + reviewThreshold);
        }
        if (!(blockThreshold > 0 && blockThreshold <= 1)) {
            throw new InvalidField("compliance.block_threshold", "must be a score above 0 and at most 1, not " + blockThreshold);
        }
        if (reviewThreshold > blockThreshold) {
            throw new InvalidField("compliance.review_threshold", "must not be above block_threshold (" + blockThreshold
                    + "): a hit that blocks must also be reviewed, not " + reviewThreshold);
        }
        kycRetentionPeriod();
        if (largeScaleTokens < 0) throw new InvalidField("compliance.large_scale_tokens", "must not be negative");
        if (largeScaleSpendUsd < 0) throw new InvalidField("compliance.large_scale_spend_usd", "must not be negative");
    }

    /** A positive ISO-8601 period such as {@code P2Y} or {@code P6M}. */
    static Period period(String path, String text) {
        Period p;
        try {
            p = Period.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidField(path, "must be an ISO-8601 period such as P2Y, P6M or P90D, not '" + text + "'");
        }
        if (p.isNegative() || p.isZero()) throw new InvalidField(path, "must be a positive period, not " + text);
        return p;
    }
}
