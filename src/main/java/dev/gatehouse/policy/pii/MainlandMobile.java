package dev.gatehouse.policy.pii;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Mainland China mobile number: 11 digits starting 13-19, optionally prefixed by +86 or 0086,
 * optionally written 3-4-4 with spaces or dashes. The number must not be part of a longer run of
 * digits or letters (timestamps, order numbers, ID numbers contain phone-like substrings).
 */
public final class MainlandMobile implements PiiDetector {
    static final Pattern CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z+])(?:(?:\\+|00)86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}(?![0-9A-Za-z])");

    @Override
    public PiiKind kind() {
        return PiiKind.PHONE;
    }

    @Override
    public boolean mayMatch(TextProfile p) {
        return p.digits() >= 11 && p.longestDigitRun() >= 4;
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        return RegexFindings.findAroundDigits(kind(), CANDIDATE, text, candidate -> true);
    }
}
