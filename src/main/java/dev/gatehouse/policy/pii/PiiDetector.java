package dev.gatehouse.policy.pii;

import java.util.List;

/**
 * A detector for one kind of personal information. Each implementation is a small class with a
 * documented, deliberately conservative rule: a missed detection is preferable to redacting
 * order numbers and version strings out of every prompt.
 */
public sealed interface PiiDetector
        permits PrcResidentId, MainlandMobile, BankCard, Email, Passport, IpAddress, NameList {

    PiiKind kind();

    /** All findings in {@code text}, in order of position. Findings of one detector never overlap. */
    List<Finding> detect(CharSequence text);

    /**
     * False when no finding is possible in a text of this profile (a phone number needs 11 digits),
     * so the detector need not run; must never be false for a text it would find something in.
     */
    default boolean mayMatch(TextProfile profile) {
        return true;
    }

    /** The built-in detectors (all but the name list, which needs configuration). */
    static List<PiiDetector> defaults() {
        return List.of(new PrcResidentId(), new MainlandMobile(), new BankCard(), new Email(),
                new Passport(), new IpAddress());
    }
}
