package dev.gatehouse.compliance.screening;

import java.time.LocalDate;
import java.util.List;

/**
 * Who is screened: a customer or one of its beneficial owners.
 *
 * @param names       the primary name first, then other names; Latin letters or Chinese characters
 * @param kind        individual or entity; null when not known (both readings are tried)
 * @param country     ISO 3166 alpha-2 country of residence or registration, or null
 * @param dateOfBirth a person's date of birth, or null
 * @param nationality a person's nationality (ISO alpha-2), or null
 */
public record Subject(List<String> names, SubjectKind kind, String country, LocalDate dateOfBirth, String nationality) {
    public Subject {
        names = names.stream().filter(n -> n != null && !n.isBlank()).map(String::strip).toList();
        if (names.isEmpty()) throw new IllegalArgumentException("a subject needs at least one name");
    }

    public static Subject entity(String... names) {
        return new Subject(List.of(names), SubjectKind.ENTITY, null, null, null);
    }

    public static Subject individual(String name, LocalDate dateOfBirth, String nationality) {
        return new Subject(List.of(name), SubjectKind.INDIVIDUAL, null, dateOfBirth, nationality);
    }
}
