package dev.gatehouse.policy.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared loop of the regex-based detectors: candidates from a pattern, kept when a validator accepts them. */
final class RegexFindings {
    private RegexFindings() {
    }

    static List<Finding> find(PiiKind kind, Pattern pattern, CharSequence text, Predicate<String> valid) {
        List<Finding> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String candidate = m.group();
            if (valid.test(candidate)) {
                out.add(new Finding(kind, m.start(), m.end(), candidate));
            }
        }
        return out;
    }
}
