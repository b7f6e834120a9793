package dev.gatehouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.api.Json;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a command prints: tables and key/value blocks for people, the same rows as JSON for scripts
 * ({@code --json}). Rows are ordered maps with the admin API's snake_case names; a table shows
 * some of their columns, JSON all of them. Warnings go to stderr so that stdout stays parseable.
 */
final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() { return json; }

    PrintWriter out() { return out; }

    /** Several rows: a table of {@code columns}, or a JSON array of whole rows. */
    void table(List<Map<String, Object>> rows, List<String> columns) {
        if (json) {
            printJson(rows);
            return;
        }
        if (rows.isEmpty()) {
            out.println("(none)");
            out.flush();
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList());
        for (Map<String, Object> row : rows) cells.add(columns.stream().map(c -> text(row.get(c))).toList());
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], line.get(i).length());
        }
        for (List<String> line : cells) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = line.get(i);
                sb.append(cell);
                if (i < widths.length - 1) sb.append(" ".repeat(widths[i] - cell.length() + 2));
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }

    /**
     * One record: {@code name: value} lines, or a JSON object. People see money once, as the
     * decimal amount; the exact {@code *_nanos} twins are for scripts.
     */
    void record(Map<String, Object> row) {
        if (json) {
            printJson(row);
            return;
        }
        List<String> names = row.keySet().stream().filter(k -> !k.endsWith("_nanos")).toList();
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        for (String k : names) out.println(k + ":" + " ".repeat(width - k.length() + 1) + text(row.get(k)));
        out.flush();
    }

    /** A line for people; in JSON mode it goes to stderr so it never breaks the document on stdout. */
    void note(String line) {
        (json ? err : out).println(line);
        (json ? err : out).flush();
    }

    void warn(String line) {
        err.println("WARNING: " + line);
        err.flush();
    }

    private void printJson(Object value) {
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps always serialise", e);
        }
        out.flush();
    }

    private static String text(Object v) {
        if (v == null) return "-";
        if (v instanceof List<?> l) return l.isEmpty() ? "-" : String.join(",", l.stream().map(String::valueOf).toList());
        return v.toString();
    }
}
