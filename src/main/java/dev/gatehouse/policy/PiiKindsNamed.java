package dev.gatehouse.policy;

import dev.gatehouse.policy.pii.PiiKind;

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
        for (PiiKind k : PiiKind.values()) out.add(PolicyWords.wire(k));
        return out;
    }

    static Set<PiiKind> all() { return EnumSet.allOf(PiiKind.class); }
}
