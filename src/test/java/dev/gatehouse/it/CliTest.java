package dev.gatehouse.it;

import dev.gatehouse.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code gatehouse} command line, run in-process. */
class CliTest {

    @ParameterizedTest
    @ValueSource(strings = {"serve", "simulate", "demo", "policy"})
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

    private static final String BAD_POLICY = """
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
            """;

    @Test
    void should_not_start_with_a_bad_policy_and_name_its_line(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("gatehouse.yaml"), BAD_POLICY);

        Run run = run("serve", "--config", config.toString());

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains(config + " line 9").contains("rule 'no_russia'").contains("'RUS' is not an ISO 3166 country code");
    }

    @Test
    void should_check_a_policy_without_starting_and_name_every_problem_or_list_the_rules(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), BAD_POLICY);
        Run refused = run("policy", "check", "--config", bad.toString());
        assertThat(refused.code).isEqualTo(2);
        assertThat(refused.err).contains(bad + " line 9").contains("rule 'no_russia'").contains("'RUS' is not an ISO 3166 country code");
        assertThat(refused.out).doesNotContain("policy OK");

        Path good = Files.writeString(dir.resolve("good.yaml"), BAD_POLICY.replace("[RUS]", "[RU]"));
        Run ok = run("policy", "check", "--config", good.toString());
        assertThat(ok.code).as(ok.err).isZero();
        assertThat(ok.out).contains("policy OK").contains("no_russia  deny")
                .as("the default pack is compiled with the operator's rules").contains("embargo  deny").contains("provider_region  exclude")
                .contains("geolocation: off");
    }

    private record Run(int code, String out, String err) {}

    /** Runs the CLI in-process with its standard output and error captured. */
    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Main()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
