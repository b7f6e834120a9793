package dev.gatehouse.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Rows as RFC 4180 CSV (as the ledger export writes it): a header, CRLF line ends, quotes only where needed. */
final class CsvRows {
    private CsvRows() {}

    static void write(PrintWriter w, List<Map<String, Object>> rows, List<String> columns) {
        w.print(String.join(",", columns) + "\r\n");
        for (Map<String, Object> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) line.append(',');
                Object v = row.get(columns.get(i));
                if (v != null) line.append(field(v.toString()));
            }
            w.print(line.append("\r\n"));
        }
        w.flush();
    }

    private static String field(String v) {
        boolean quote = v.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
