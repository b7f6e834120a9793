package dev.gatehouse.config;

/**
 * Know-your-customer settings. A screening score at or above {@code blockThreshold} suspends the
 * customer pending review; at or above {@code reviewThreshold} (but below block) it opens a case.
 * {@code kycRetention} is how long CIP records are kept after an account closes (an ISO-8601
 * period such as {@code P2Y}, the US proposal's two years by default).
 */
public record ComplianceConfig(Double reviewThreshold, Double blockThreshold, String kycRetention) {
    public static final ComplianceConfig DEFAULTS = new ComplianceConfig(0.85, 0.95, "P2Y");

    public ComplianceConfig over(ComplianceConfig base) {
        return new ComplianceConfig(reviewThreshold != null ? reviewThreshold : base.reviewThreshold,
                blockThreshold != null ? blockThreshold : base.blockThreshold,
                kycRetention != null ? kycRetention : base.kycRetention);
    }
}
