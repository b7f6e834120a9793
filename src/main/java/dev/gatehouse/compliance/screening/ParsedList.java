package dev.gatehouse.compliance.screening;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A list file read and validated, not yet stored.
 *
 * @param name   the list's name in the store: {@code CSL}, {@code OFAC-SDN}, {@code UN}, {@code BIS-DPL}
 * @param date   the list's publication date (ISO), from the file where it says, else given
 * @param sha256 hex SHA-256 of the file bytes (of every file, for the OFAC triple)
 * @param source the file (or folder) it came from, for people
 */
public record ParsedList(String name, String date, String sha256, String source, List<ListEntry> entries) {
    public ParsedList {
        entries = List.copyOf(entries);
        Set<String> ids = new HashSet<>();
        for (ListEntry e : entries) {
            if (!ids.add(e.id())) throw new ListFormatException(source, 0, "entry id " + e.id() + " appears twice");
        }
    }
}
