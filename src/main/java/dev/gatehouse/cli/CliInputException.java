package dev.gatehouse.cli;

/** Command-line input the CLI refuses before touching the store, naming the option at fault (exit code 2). */
final class CliInputException extends RuntimeException {
    private final String option;

    CliInputException(String option, String message) {
        super(message, null, false, false); // an expected outcome: no stack trace
        this.option = option;
    }

    String option() { return option; }
}
