package dev.gatehouse.compliance.screening;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict CSV reading for list files: every record must have exactly the expected number of
 * columns, and a file cut off inside a quoted field is an error naming its line, not a short list.
 */
final class CsvTable {
    private CsvTable() {}

    /** A record's values (stripped) and the line it starts on. */
    record Row(long line, List<String> values) {
        String get(int i) { return values.get(i); }
    }

    static List<Row> read(ListFile file, CSVFormat format, int columns) {
        List<Row> rows = new ArrayList<>();
        String name = file.path().toString();
        try (CSVParser parser = format.parse(new StringReader(file.text()))) {
            long line = 1;
            var it = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!it.hasNext()) break;
                    record = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new ListFormatException(name, line,
                            "malformed CSV (truncated inside a quoted field?): " + rootMessage(e), e);
                }
                if (record.size() == 1 && record.get(0).isBlank()) { line = parser.getCurrentLineNumber() + 1; continue; }
                if (record.size() != columns) {
                    throw new ListFormatException(name, line,
                            "expected " + columns + " columns, found " + record.size() + " (truncated or not this list's layout?)");
                }
                List<String> values = new ArrayList<>(columns);
                for (String v : record) values.add(v.strip());
                rows.add(new Row(line, values));
                line = parser.getCurrentLineNumber() + 1;
            }
        } catch (IOException e) {
            throw new ListFormatException(name, 0, "cannot parse: " + e.getMessage(), e);
        }
        return rows;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }
}
