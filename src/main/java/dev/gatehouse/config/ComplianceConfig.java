package dev.gatehouse.config;

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
}
