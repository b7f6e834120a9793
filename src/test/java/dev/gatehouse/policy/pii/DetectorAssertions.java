package dev.gatehouse.policy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Small helpers shared by the detector tests: what a detector found, as the matched texts. */
final class DetectorAssertions {
    private DetectorAssertions() {
    }

    static List<String> found(PiiDetector detector, String text) {
        List<Finding> findings = detector.detect(text);
        for (Finding f : findings) {
            assertThat(text.substring(f.start(), f.end())).isEqualTo(f.text());
            assertThat(f.kind()).isEqualTo(detector.kind());
        }
        return findings.stream().map(Finding::text).toList();
    }
}
