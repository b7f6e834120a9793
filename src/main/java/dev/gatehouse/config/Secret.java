package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A credential from the config. Its text never appears in logs, errors or toString(). */
public record Secret(String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Secret {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("a secret must not be empty");
    }

    @Override
    public String toString() { return "Secret[****]"; }
}
