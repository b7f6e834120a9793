package dev.gatehouse.compliance.screening;

import java.util.Locale;

/** Whether the screened party is a person or an organisation. */
public enum SubjectKind {
    INDIVIDUAL, ENTITY;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    /** {@code individual}/{@code person} or {@code entity}/{@code enterprise}/{@code organisation}. */
    public static SubjectKind parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "individual", "person" -> INDIVIDUAL;
            case "entity", "enterprise", "organisation", "organization", "company" -> ENTITY;
            default -> throw new IllegalArgumentException("kind must be individual or entity, not " + text);
        };
    }
}
