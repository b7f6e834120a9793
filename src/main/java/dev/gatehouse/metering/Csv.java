package dev.gatehouse.metering;

import java.io.IOException;

/** Writes RFC 4180 CSV: fields separated by commas, lines ended by CRLF, quoted only when needed (the ledger export and the compliance reports). */
public final class Csv {
    private final Appendable out;
    private boolean lineStarted;

    public Csv(Appendable out) { this.out = out; }

    /** A line written as is (a header of plain names). */
    public void line(String raw) throws IOException {
        out.append(raw).append("\r\n");
    }

    /** The next field of the current line; null is written as an empty field. */
    public void field(String value) throws IOException {
        if (lineStarted) out.append(',');
        lineStarted = true;
        if (value == null) return;
        if (needsQuotes(value)) out.append('"').append(value.replace("\"", "\"\"")).append('"');
        else out.append(value);
    }

    public void end() throws IOException {
        out.append("\r\n");
        lineStarted = false;
    }

    private static boolean needsQuotes(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
        }
        return false;
    }
}
