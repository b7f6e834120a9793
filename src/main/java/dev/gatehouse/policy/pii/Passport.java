package dev.gatehouse.policy.pii;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Passport-like numbers, deliberately conservative:
 * <ul>
 *   <li>PRC ordinary passports are recognised anywhere: {@code E} or {@code G} followed by 8 digits
 *       (e.g. E12345678), or, for the 2012+ series, {@code E}, a letter other than I and O, and
 *       7 digits (e.g. EA1234567);</li>
 *   <li>any other 1-2 letters followed by 6-9 digits is recognised only when the word "passport"
 *       (any case) or "护照" appears within {@value #CONTEXT_WINDOW} characters before it — without
 *       that context such strings are far more often product codes and ticket numbers.</li>
 * </ul>
 * Letters must be upper case and the token must stand alone (no adjacent letters or digits).
 */
public final class Passport implements PiiDetector {
    static final int CONTEXT_WINDOW = 30;
    private static final Pattern PRC = Pattern.compile(
            "(?<![0-9A-Za-z])(?:[EG]\\d{8}|E[A-HJ-NP-Z]\\d{7})(?![0-9A-Za-z])");
    static final Pattern GENERIC = Pattern.compile("(?<![0-9A-Za-z])[A-Z]{1,2}\\d{6,9}(?![0-9A-Za-z])");
    private static final Pattern CONTEXT = Pattern.compile("(?i)passport|护照");

    @Override
    public PiiKind kind() {
        return PiiKind.PASSPORT;
    }

    @Override
    public boolean mayMatch(TextProfile p) {
        return p.longestDigitRun() >= 6;
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        return RegexFindings.findAroundDigits(kind(), GENERIC, text, candidate -> true).stream()
                .filter(f -> PRC.matcher(f.text()).matches() || hasContextBefore(text, f.start()))
                .toList();
    }

    private static boolean hasContextBefore(CharSequence text, int start) {
        int from = Math.max(0, start - CONTEXT_WINDOW);
        return CONTEXT.matcher(text.subSequence(from, start)).find();
    }
}
