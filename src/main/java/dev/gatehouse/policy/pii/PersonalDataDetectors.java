package dev.gatehouse.policy.pii;

import dev.gatehouse.config.PolicyConfig.PersonalDataConfig;

import java.util.ArrayList;
import java.util.List;

/** Builds the redactor of a policy: every built-in detector plus the configured name list. Once per policy load. */
public final class PersonalDataDetectors {
    private PersonalDataDetectors() {}

    public static Redactor from(PersonalDataConfig cfg) {
        List<PiiDetector> detectors = new ArrayList<>(PiiDetector.defaults());
        List<String> names = cfg == null || cfg.names() == null ? List.of() : cfg.names();
        if (names.stream().anyMatch(n -> n != null && !n.isBlank())) {
            detectors.add(new NameList(names.stream().filter(n -> n != null).toList()));
        }
        return new Redactor(detectors);
    }
}
