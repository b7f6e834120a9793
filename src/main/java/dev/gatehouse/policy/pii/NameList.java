package dev.gatehouse.policy.pii;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
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

    public NameList(List<String> names) {
        Objects.requireNonNull(names, "names");
        String alternation = names.stream()
                .map(String::strip)
                .filter(n -> !n.isEmpty())
                .distinct()
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

    @Override
    public PiiKind kind() {
        return PiiKind.NAME;
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        if (pattern == null) {
            return List.of();
        }
        return RegexFindings.find(kind(), pattern, text, candidate -> true);
    }
}
