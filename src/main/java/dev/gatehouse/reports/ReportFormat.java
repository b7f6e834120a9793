package dev.gatehouse.reports;

import java.util.Locale;

/** How a report is delivered: {@code csv} (the table, RFC 4180) or {@code json} (the table with period, parameters and notes). */
public enum ReportFormat {
    CSV("text/csv; charset=utf-8"),
    JSON("application/json");

    private final String contentType;

    ReportFormat(String contentType) { this.contentType = contentType; }

    public String contentType() { return contentType; }

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public String render(ReportResult result) {
        return switch (this) {
            case CSV -> ReportCsv.render(result);
            case JSON -> ReportJson.render(result);
        };
    }

    /** {@code csv} or {@code json}, any case. */
    public static ReportFormat parse(String text) {
        for (ReportFormat f : values()) if (f.wire().equalsIgnoreCase(text == null ? "" : text.strip())) return f;
        throw new ReportInputException("format", "must be csv or json, not '" + text + "'");
    }
}
