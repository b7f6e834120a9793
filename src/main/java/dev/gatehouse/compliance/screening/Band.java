package dev.gatehouse.compliance.screening;

import java.util.Locale;

/** What a score means: {@link #BLOCK} suspends pending review, {@link #REVIEW} opens a case, {@link #NONE} is below both. */
public enum Band {
    BLOCK, REVIEW, NONE;

    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
