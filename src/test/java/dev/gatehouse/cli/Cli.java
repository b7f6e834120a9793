package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.store.Database;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code gatehouse} commands in-process against one store, as successive invocations of the
 * real command line would: each run parses the arguments afresh, opens the store and closes it.
 */
final class Cli {
    private final Path config;

    private Cli(Path config) { this.config = config; }

    /** A config file in {@code dir} whose store is {@code jdbcUrl}. */
    static Cli withStore(Path dir, String jdbcUrl, String user) {
        Path file = dir.resolve("gatehouse.yaml");
        String yaml = "store:\n  url: \"" + jdbcUrl + "\"\n  user: " + user + "\n"
                + "metering:\n  journal_dir: \"" + dir.resolve("journal") + "\"\n"
                + "security:\n  master_key_file: \"" + dir.resolve("master.key") + "\"\n"
                + "  audit_key_file: \"" + dir.resolve("audit.key") + "\"\n";
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Cli(file);
    }

    /** A fresh embedded H2 file store under {@code dir}. */
    static Cli h2(Path dir) {
        return withStore(dir, "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), "sa");
    }

    Path config() { return config; }

    /** {@code gatehouse ARGS --config FILE}. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return runRaw(all.toArray(String[]::new));
    }

    /** {@code gatehouse ARGS}, exactly as given. */
    static Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The store itself, for seeding and for checks the CLI cannot make (the caller closes it). */
    Database openDatabase() {
        return Database.open(ConfigLoader.fromSystemEnvironment().load(config).store());
    }

    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }

        @Override
        public String toString() { return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err; }
    }
}
