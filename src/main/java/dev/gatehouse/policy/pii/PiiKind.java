package dev.gatehouse.policy.pii;

/**
 * The kinds of personal information the gateway detects. The declaration order is the tie-break
 * priority when two findings of equal length overlap (earlier wins).
 */
public enum PiiKind {
    ID_NUMBER("ID_NUMBER", Sensitivity.SENSITIVE),
    BANK_CARD("BANK_CARD", Sensitivity.SENSITIVE),
    PASSPORT("PASSPORT", Sensitivity.SENSITIVE),
    PHONE("PHONE", Sensitivity.ORDINARY),
    EMAIL("EMAIL", Sensitivity.ORDINARY),
    IP("IP", Sensitivity.ORDINARY),
    NAME("NAME", Sensitivity.ORDINARY);

    private final String placeholderLabel;
    private final Sensitivity sensitivity;

    PiiKind(String placeholderLabel, Sensitivity sensitivity) {
        this.placeholderLabel = placeholderLabel;
        this.sensitivity = sensitivity;
    }

    /**
     * The kind's name in the policy file, the reports and the {@code pi_transfers.kind} column:
     * lower case, except that the detector of mainland mobile numbers is {@code mobile}.
     */
    public String wire() {
        return this == PHONE ? "mobile" : name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The word inside a placeholder, e.g. {@code ID_NUMBER} in {@code [ID_NUMBER_1]}. */
    public String placeholderLabel() {
        return placeholderLabel;
    }

    public Sensitivity sensitivity() {
        return sensitivity;
    }

    /** The identifier reduced to a canonical form, so that "138 1234 5678" and "+8613812345678" are the same subject. */
    public String normalise(String text) {
        return switch (this) {
            case ID_NUMBER, PASSPORT -> text.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
            case BANK_CARD -> text.replaceAll("\\D", "");
            case PHONE -> {
                String digits = text.replaceAll("\\D", "");
                // drop a +86 / 0086 prefix: the subscriber number is the last 11 digits
                yield digits.length() > 11 ? digits.substring(digits.length() - 11) : digits;
            }
            case EMAIL, IP -> text.toLowerCase(java.util.Locale.ROOT);
            case NAME -> text.strip().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
