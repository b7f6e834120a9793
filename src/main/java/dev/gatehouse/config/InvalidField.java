package dev.gatehouse.config;

/**
 * A field whose value the loader cannot use, named by its dotted path ({@code compliance.block_threshold}),
 * so that {@link ConfigLoader} can point at its line.
 */
final class InvalidField extends RuntimeException {
    private final String path;

    InvalidField(String path, String why) {
        super(why);
        this.path = path;
    }

    String path() { return path; }
}
