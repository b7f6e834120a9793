package dev.gatehouse.policy.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared loop of the regex-based detectors: candidates from a pattern, kept when a validator accepts them. */
final class RegexFindings {
    private RegexFindings() {
    }

    /** How far a numeric match may reach beyond its digits: "+86 " before, two passport letters, an ID's X after. */
    private static final int LEFT_REACH = 4;
    private static final int RIGHT_REACH = 2;

    static List<Finding> find(PiiKind kind, Pattern pattern, CharSequence text, Predicate<String> valid) {
        List<Finding> out = new ArrayList<>();
        collect(kind, pattern.matcher(text), valid, out);
        return out;
    }

    /**
     * As {@link #find}, for patterns whose every match is a run of digits with single separators
     * between them, plus at most {@value #LEFT_REACH} characters before and {@value #RIGHT_REACH}
     * after: the pattern runs only over such digit clusters (with lookaround still seeing the whole
     * text), not over every position of the text, which is most of the cost of scanning prose.
     */
    static List<Finding> findAroundDigits(PiiKind kind, Pattern pattern, CharSequence text, Predicate<String> valid) {
        List<Finding> out = new ArrayList<>(0);
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int end = i + 1;
            // a cluster: digits, and single non-digits between digits ("138 1234-5678", "1.2.3.4")
            while (end < n && (isDigit(text.charAt(end)) || end + 1 < n && isDigit(text.charAt(end + 1)))) {
                end++;
            }
            m.region(Math.max(0, start - LEFT_REACH), Math.min(n, end + RIGHT_REACH));
            collect(kind, m, valid, out);
            i = end + 1;
        }
        return out;
    }

    /**
     * As {@link #find}, for patterns whose every match is a run of {@code part} characters that
     * contains {@code trigger} (an e-mail address holds an {@code @}, an IPv6 address a colon): the
     * pattern runs only over the maximal runs of {@code part} characters around each trigger.
     */
    static List<Finding> findAround(char trigger, IntPredicate part, PiiKind kind, Pattern pattern, CharSequence text,
                                    Predicate<String> valid) {
        List<Finding> out = new ArrayList<>(0);
        Matcher m = null;
        int n = text.length();
        int from = 0;
        for (int t = indexOf(text, trigger, from); t >= 0; t = indexOf(text, trigger, from)) {
            int start = t;
            while (start > from && part.test(text.charAt(start - 1))) {
                start--;
            }
            int end = t + 1;
            while (end < n && part.test(text.charAt(end))) {
                end++;
            }
            if (m == null) {
                m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            m.region(start, end);
            collect(kind, m, valid, out);
            from = end;
        }
        return out;
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from, n = text.length(); i < n; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static void collect(PiiKind kind, Matcher m, Predicate<String> valid, List<Finding> out) {
        while (m.find()) {
            String candidate = m.group();
            if (valid.test(candidate)) {
                out.add(new Finding(kind, m.start(), m.end(), candidate));
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
