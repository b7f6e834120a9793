package dev.gatehouse.cli;

import dev.gatehouse.accounts.NewUser;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.config.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code gatehouse users create|list}: console users. The password never is a command-line
 * argument (it would sit in the shell history and in {@code ps}): it comes from standard input
 * with {@code --password-stdin}, or from a prompt on the terminal.
 */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Create and list console users.")
public final class UsersCommand {
    private static final int STDIN_MAX = 4096;

    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a console user.")
    int create(@Mixin StoreOptions options,
               @Option(names = "--email", required = true, description = "Sign-in email; unique.") String email,
               @Option(names = "--role", required = true, description = "owner, admin, compliance or viewer.") String role,
               @Option(names = "--customer", paramLabel = "ID", description = "The customer the user belongs to; default: the operator's own staff.") String customer,
               @Option(names = "--password-stdin", description = "Read the password from standard input (its first line).") boolean passwordStdin) {
        return StoreRun.run(spec, options, (store, out) -> {
            Role r = Role.parse(role);
            Secret password = passwordStdin ? fromStdin() : prompt();
            out.record(Views.user(store.users().create(new NewUser(customer, email, password, r))));
            return StoreRun.OK;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users of a customer, or the operator's staff.")
    int list(@Mixin StoreOptions options,
             @Option(names = "--customer", paramLabel = "ID", description = "The customer's id; default: the operator's staff.") String customer) {
        return StoreRun.run(spec, options, (store, out) -> {
            out.table(store.users().listForCustomer(customer).stream().map(Views::user).toList(),
                    List.of("id", "email", "role", "customer_id", "created_at"));
            return StoreRun.OK;
        });
    }

    private static Secret fromStdin() {
        byte[] bytes;
        try {
            bytes = System.in.readNBytes(STDIN_MAX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from standard input", e);
        }
        String line = new String(bytes, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (line.isEmpty()) throw new CliInputException("--password-stdin", "standard input held no password");
        return new Secret(line);
    }

    private static Secret prompt() {
        Console console = System.console();
        if (console == null) {
            throw new CliInputException("--password-stdin", "no terminal to ask for the password on; pipe it in with --password-stdin");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Password again: ");
        try {
            if (first == null || first.length == 0) throw new CliInputException("password", "no password was typed");
            if (!Arrays.equals(first, second)) throw new CliInputException("password", "the two passwords differ");
            return new Secret(new String(first));
        } finally {
            if (first != null) Arrays.fill(first, ' ');
            if (second != null) Arrays.fill(second, ' ');
        }
    }
}
