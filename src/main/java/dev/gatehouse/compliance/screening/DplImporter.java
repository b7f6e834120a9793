package dev.gatehouse.compliance.screening;

import dev.gatehouse.crypto.Sha256;
import org.apache.commons.csv.CSVFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BIS's Denied Persons List: tab-separated, quoted, with a header of 12 columns. It has no entity
 * numbers, so an entry's id is a hash of its name, address and effective date. The list's date is
 * its latest {@code Last_Update}.
 */
public final class DplImporter {
    public static final String LIST = "BIS-DPL";
    static final List<String> COLUMNS = List.of("Name", "Street_Address", "City", "State", "Country", "Postal_Code",
            "Effective_Date", "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation");

    private DplImporter() {}

    public static ParsedList read(Path path, String date, ImportProgress progress) {
        ListFile file = ListFile.read(path);
        List<CsvTable.Row> rows = CsvTable.read(file, CSVFormat.TDF.builder().setIgnoreSurroundingSpaces(false).get(), COLUMNS.size());
        if (rows.isEmpty() || !rows.getFirst().values().equals(COLUMNS)) {
            throw new ListFormatException(path.toString(), 1, "not the DPL header (expected " + String.join(" ", COLUMNS) + ")");
        }
        List<ListEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String latest = "";
        for (CsvTable.Row r : rows.subList(1, rows.size())) {
            String name = r.get(0);
            if (name.isEmpty()) throw new ListFormatException(path.toString(), r.line(), "an entry without a name");
            String id = "h" + Sha256.hex(name + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(6)).substring(0, 12);
            int dup = seen.merge(id, 1, Integer::sum);
            if (dup > 1) id = id + "-" + dup;
            String country = r.get(4).isEmpty() ? "US" : Countries.code(r.get(4));
            String remarks = String.join(", ", List.of(r.get(1), r.get(2), r.get(3), r.get(5)).stream().filter(s -> !s.isEmpty()).toList())
                    + "; effective " + r.get(6) + ", expires " + r.get(7) + "; " + r.get(11);
            entries.add(new ListEntry(LIST, id, EntryType.ENTITY, name, List.of(), List.of(country), List.of(), List.of(),
                    List.of("DPL"), remarks));
            // the newest update is the list's date; a typo in the file (a year 3017) is not
            if (r.get(9).compareTo(latest) > 0 && r.get(9).compareTo(java.time.LocalDate.now().toString()) <= 0) latest = r.get(9);
            if (entries.size() % 5000 == 0) progress.entriesRead(LIST, entries.size());
        }
        String listDate = date != null ? date : latest.matches("\\d{4}-\\d{2}-\\d{2}") ? latest : ListFile.modifiedDate(path);
        return new ParsedList(LIST, listDate, file.sha256(), path.toString(), entries);
    }
}
