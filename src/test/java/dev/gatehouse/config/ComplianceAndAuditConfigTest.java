package dev.gatehouse.config;

import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditRetention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Period;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code compliance} and {@code audit} sections: their defaults, and values refused at load with the field, its line and why. */
class ComplianceAndAuditConfigTest {

    private static GatewayConfig parse(String yaml) {
        return new ConfigLoader(name -> null).parse(yaml, "test.yaml");
    }

    @Test
    void should_default_to_the_documented_thresholds_retention_and_checkpoint_interval() {
        GatewayConfig c = parse("routes: {}\n");

        assertThat(c.compliance().reviewThreshold()).isEqualTo(0.85);
        assertThat(c.compliance().blockThreshold()).isEqualTo(0.95);
        assertThat(c.compliance().kycRetentionPeriod()).isEqualTo(Period.ofYears(2));
        assertThat(c.audit().checkpointIntervalSeconds()).isEqualTo(300L);
        assertThat(c.audit().retentionPeriods()).isEqualTo(AuditRetention.DEFAULT_PERIODS)
                .containsExactly(Map.entry(AuditCategory.REQUEST_DECISION, Period.ofMonths(6)));
    }

    @Test
    void should_read_thresholds_retention_and_per_category_periods_over_the_defaults() {
        GatewayConfig c = parse("""
                compliance:
                  review_threshold: 0.8
                  block_threshold: 0.9
                  kyc_retention: P5Y
                audit:
                  checkpoint_interval_seconds: 60
                  retention:
                    policy_denial: P1Y
                    admin: P10Y
                """);

        assertThat(c.compliance().reviewThreshold()).isEqualTo(0.8);
        assertThat(c.compliance().blockThreshold()).isEqualTo(0.9);
        assertThat(c.compliance().kycRetentionPeriod()).isEqualTo(Period.ofYears(5));
        assertThat(c.audit().checkpointIntervalSeconds()).isEqualTo(60L);
        assertThat(c.audit().retentionPeriods()).containsOnly(
                Map.entry(AuditCategory.REQUEST_DECISION, Period.ofMonths(6)),
                Map.entry(AuditCategory.POLICY_DENIAL, Period.ofYears(1)),
                Map.entry(AuditCategory.ADMIN, Period.ofYears(10)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            compliance: {review_threshold: 0.97}                         | compliance.review_threshold (line 1) must not be above block_threshold (0.95)
            'compliance:\n  block_threshold: 1.5'                        | compliance.block_threshold (line 2) must be a score above 0 and at most 1, not 1.5
            compliance: {review_threshold: 0}                            | compliance.review_threshold (line 1) must be a score above 0
            compliance: {kyc_retention: 2 years}                         | compliance.kyc_retention (line 1) must be an ISO-8601 period such as P2Y
            compliance: {kyc_retention: P0D}                             | compliance.kyc_retention (line 1) must be a positive period, not P0D
            compliance: {kyc_retention: P-1Y}                            | compliance.kyc_retention (line 1) must be a positive period
            audit: {checkpoint_interval_seconds: 0}                      | audit.checkpoint_interval_seconds (line 1) must be at least 1, not 0
            'audit:\n  retention:\n    request_decisions: P6M'          | audit.retention.request_decisions (line 3) unknown audit category 'request_decisions'; one of [admin, policy_denial, request_decision]
            'audit:\n  retention:\n    request_decision: six months'    | audit.retention.request_decision (line 3) must be an ISO-8601 period
            'audit:\n  retention:\n    kyc: P2Y'                        | audit.retention.kyc (line 3) KYC and screening entries are kept with the customer's KYC records
            'audit:\n  retention:\n    retention: P1Y'                  | audit.retention.retention (line 3) retention entries record the purges and are never purged
            """)
    void should_refuse_a_value_it_cannot_use_naming_the_field_and_its_line(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n") + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: " + message);
    }
}
