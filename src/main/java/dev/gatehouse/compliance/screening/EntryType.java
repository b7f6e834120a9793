package dev.gatehouse.compliance.screening;

import java.util.Locale;

/** What a list entry designates. Lists that do not say (the Entity List, the DPL) default to {@link #ENTITY}. */
public enum EntryType {
    INDIVIDUAL, ENTITY, VESSEL, AIRCRAFT;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    /** Lenient: the lists spell types as "Individual", "individual", "-0-" or not at all. */
    public static EntryType parse(String text) {
        if (text == null) return ENTITY;
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "individual", "person" -> INDIVIDUAL;
            case "vessel" -> VESSEL;
            case "aircraft" -> AIRCRAFT;
            default -> ENTITY;
        };
    }
}
