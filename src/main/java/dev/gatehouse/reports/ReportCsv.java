package dev.gatehouse.reports;

import dev.gatehouse.metering.Csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A report as RFC 4180 CSV: a header row of column names, one line per row, CRLF line ends,
 * fields quoted when they hold a comma, quote or line break (quotes doubled). The caller encodes
 * it as UTF-8 (no byte-order mark). Only the table: period, parameters and notes are in the JSON form.
 * <p>
 * Formula injection: a spreadsheet runs a cell that starts with {@code = + - @}, a tab or a
 * carriage return as a formula, and customers choose their own names, emails and references.
 * Such text cells get a leading apostrophe ({@code '=HYPERLINK(...)}, {@code '+86 755 ...}), which
 * spreadsheets show as text and which OWASP recommends. Numbers are never changed ({@code -5} stays),
 * and the JSON form always has the exact values.
 */
final class ReportCsv {
    private ReportCsv() {}

    static String render(ReportResult result) {
        StringBuilder out = new StringBuilder();
        Csv csv = new Csv(out);
        try {
            for (Column c : result.table().columns()) csv.field(c.name());
            csv.end();
            for (List<Object> row : result.table().rows()) {
                for (Object cell : row) csv.field(Cells.typed(cell) ? Cells.text(cell) : guarded(Cells.text(cell)));
                csv.end();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return out.toString();
    }

    /** Text that a spreadsheet would take for a formula, made plain text by a leading apostrophe. */
    static String guarded(String text) {
        if (text == null || text.isEmpty()) return text;
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
