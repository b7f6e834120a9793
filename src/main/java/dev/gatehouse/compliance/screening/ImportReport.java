package dev.gatehouse.compliance.screening;

import java.time.Instant;
import java.util.List;

/**
 * What one import did to one list. {@code unchanged} means the content hash was already in force
 * and nothing was written. The id lists name the entries (by entity number) that came, went or changed.
 */
public record ImportReport(String list, String date, String sha256, boolean unchanged, int entryCount,
                           List<String> added, List<String> changed, List<String> removed, Instant importedAt) {
    public ImportReport {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }
}
