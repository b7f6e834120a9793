package dev.gatehouse.reports;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: CRLF line ends, quoted fields with doubled quotes; anything else fails. */
public final class CsvParse {
    private CsvParse() {}

    public static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    if (i >= text.length()) throw new AssertionError("unterminated quoted field");
                    char q = text.charAt(i++);
                    if (q != '"') field.append(q);
                    else if (i < text.length() && text.charAt(i) == '"') { field.append('"'); i++; }
                    else break;
                }
                continue;
            }
            if (c == ',') { line.add(field.toString()); field.setLength(0); i++; continue; }
            if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') throw new AssertionError("CR without LF at " + i);
                line.add(field.toString());
                field.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
                i += 2;
                continue;
            }
            if (c == '\n' || c == '"') throw new AssertionError("bare " + (c == '"' ? "quote" : "LF") + " at " + i);
            field.append(c);
            i++;
        }
        if (!line.isEmpty() || !field.isEmpty()) throw new AssertionError("last line not ended by CRLF");
        return lines;
    }
}
