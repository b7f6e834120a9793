package dev.gatehouse.compliance.screening;

/**
 * A list file that cannot be imported: truncated, wrong columns, not UTF-8, broken XML. Names the
 * file and, where known, the line, so an operator can look. Nothing was stored.
 */
public final class ListFormatException extends RuntimeException {
    private final String file;
    private final long line;

    public ListFormatException(String file, long line, String message) {
        this(file, line, message, null);
    }

    public ListFormatException(String file, long line, String message, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    public String file() { return file; }

    /** 1-based line, or 0 when the problem is not at one line. */
    public long line() { return line; }
}
