package dev.gatehouse.it;

import dev.gatehouse.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code gatehouse} command line, run in-process. */
class CliTest {

    @ParameterizedTest
    @ValueSource(strings = {"serve", "simulate", "demo"})
    void should_print_help_for_each_subcommand_and_exit_0(String subcommand) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out));

        int code = cli.execute(subcommand, "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: gatehouse " + subcommand);
    }

    @Test
    void should_exit_non_zero_with_a_clear_message_when_the_config_file_is_missing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new Main()).execute("serve", "--config", "missing.yaml");
        } finally {
            System.setErr(original);
        }

        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.yaml").contains("cannot read config");
    }

    @Test
    void should_not_start_with_a_bad_policy_and_name_its_line(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path config = dir.resolve("gatehouse.yaml");
        java.nio.file.Files.writeString(config, """
                server: {host: 127.0.0.1, port: 0}
                providers:
                  openai: {type: openai, base_url: 'http://127.0.0.1:9/v1', api_key: k}
                routes:
                  gpt-4o: {deployments: [{provider: openai, model: gpt-4o}]}
                policy:
                  rules:
                    - id: no_russia
                      when: {client_country: [RUS]}
                      then: deny
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new Main()).execute("serve", "--config", config.toString());
        } finally {
            System.setErr(original);
        }

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(config + " line 9")
                .contains("rule 'no_russia'").contains("'RUS' is not an ISO 3166 country code");
    }
}
