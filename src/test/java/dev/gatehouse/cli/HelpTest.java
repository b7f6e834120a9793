package dev.gatehouse.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {
    @Test
    void should_list_the_store_commands_in_the_top_level_help() {
        Cli.Result r = Cli.runRaw("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("customers", "projects", "keys", "admin-keys", "users", "prices", "limits", "credits", "usage");
    }

    @Test
    void should_describe_every_option_of_a_subcommand() {
        Cli.Result r = Cli.runRaw("keys", "create", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--customer", "--project", "--models", "--expires", "--config", "--json");
    }

    @Test
    void should_ask_for_a_subcommand_with_exit_2() {
        Cli.Result r = Cli.runRaw("customers");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required subcommand", "create");
    }
}
