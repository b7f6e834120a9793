package dev.gatehouse.policy;

import dev.gatehouse.policy.pii.PiiKind;
import dev.gatehouse.policy.pii.Sensitivity;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** The words a {@code personal_data} condition may use: each kind, {@code any} and {@code sensitive}. */
final class PiiKindsNamed {
    private PiiKindsNamed() {}

    static Set<String> words() {
        Set<String> out = new LinkedHashSet<>();
        out.add("any");
        out.add("sensitive");
        for (PiiKind k : PiiKind.values()) out.add(k.wire());
        return out;
    }

    /** Whether {@code words} name {@code kind}: by its own name, as sensitive, or as any. */
    static boolean named(PiiKind kind, Set<String> words) {
        return words.contains("any") || words.contains(kind.wire())
                || (kind.sensitivity() == Sensitivity.SENSITIVE && words.contains("sensitive"));
    }

    /** The kinds {@code words} name. */
    static Set<PiiKind> kinds(Set<String> words) {
        Set<PiiKind> out = EnumSet.noneOf(PiiKind.class);
        for (PiiKind k : PiiKind.values()) if (named(k, words)) out.add(k);
        return out;
    }

    static Set<PiiKind> all() { return EnumSet.allOf(PiiKind.class); }
}
