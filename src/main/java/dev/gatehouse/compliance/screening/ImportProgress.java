package dev.gatehouse.compliance.screening;

/** Told how far a long import has come; the CLI prints a line every few thousand entries. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (list, entries) -> { };

    /** {@code entries} entries of {@code list} have been read so far. */
    void entriesRead(String list, int entries);
}
