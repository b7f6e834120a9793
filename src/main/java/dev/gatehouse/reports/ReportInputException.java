package dev.gatehouse.reports;

/**
 * Input a report refuses before reading anything: a bad date, a reversed period, an unknown
 * format or parameter. {@code field} is the query parameter at fault ({@code from}, {@code to},
 * {@code format}, {@code min_tokens}, ...; {@code name} for the report's name); the message does
 * not repeat it, so the CLI can print {@code --from: ...} and the API {@code from: ...}.
 */
public class ReportInputException extends RuntimeException {
    private final String field;

    public ReportInputException(String field, String message) {
        super(message, null, false, false); // an expected outcome: no stack trace
        this.field = field;
    }

    public String field() { return field; }

    /** No report has the name asked for (the API answers 404, the CLI exits 2). */
    public static final class UnknownReport extends ReportInputException {
        public UnknownReport(String message) { super("name", message); }
    }
}
