package dev.gatehouse.policy;

import dev.gatehouse.policy.pii.PiiKind;

import java.util.Locale;

/** The words the policy file uses for things named otherwise in code. */
final class PolicyWords {
    private PolicyWords() {}

    static String wire(PiiKind kind) { return kind.name().toLowerCase(Locale.ROOT); }
}
