package dev.gatehouse.policy.pii;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Names from a configured list (customers' staff, patients, ...). Names written in Han characters
 * match as exact substrings, because Chinese has no spaces between words; other names match as
 * whole words, case-insensitively, so "Li" does not fire inside "Lima". Longer names are tried
 * first so that "Wang Xiaoming" wins over "Wang".
 */
public final class NameList implements PiiDetector {
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private final Pattern pattern;
    /** The case-folded first code points of the names: a match can start only at one of them. */
    private final int[] firstCodePoints;

    public NameList(List<String> names) {
        Objects.requireNonNull(names, "names");
        List<String> cleaned = names.stream().map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
        this.firstCodePoints = cleaned.stream().mapToInt(n -> fold(n.codePointAt(0))).distinct().sorted().toArray();
        String alternation = cleaned.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(NameList::toRegex)
                .collect(Collectors.joining("|"));
        this.pattern = alternation.isEmpty() ? null
                : Pattern.compile(alternation, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String toRegex(String name) {
        String quoted = Pattern.quote(name);
        if (HAN.matcher(name).find()) {
            return quoted;
        }
        return "(?<![\\p{IsLatin}\\p{N}_])" + quoted + "(?![\\p{IsLatin}\\p{N}_])";
    }

    /** The whole list as one pattern, null when the list is empty. */
    Pattern pattern() {
        return pattern;
    }

    @Override
    public PiiKind kind() {
        return PiiKind.NAME;
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        if (pattern == null) {
            return List.of();
        }
        // try the pattern only where a name can start, instead of at every position of the text
        List<Finding> out = new ArrayList<>(0);
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int n = text.length();
        for (int i = 0; i < n; ) {
            int cp = Character.codePointAt(text, i);
            if (Arrays.binarySearch(firstCodePoints, fold(cp)) >= 0 && m.region(i, n).lookingAt()) {
                out.add(new Finding(kind(), m.start(), m.end(), m.group()));
                i = m.end();
            } else {
                i += Character.charCount(cp);
            }
        }
        return out;
    }

    /** The case folding of {@link Pattern#CASE_INSENSITIVE} with {@link Pattern#UNICODE_CASE}. */
    private static int fold(int codePoint) {
        return Character.toLowerCase(Character.toUpperCase(codePoint));
    }
}
