package dev.gatehouse.cli;

import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.config.ConfigException;
import dev.gatehouse.limits.RedemptionException;
import dev.gatehouse.limits.ValidationException;
import dev.gatehouse.store.StoreException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Runs one store command: loads the config, opens the store, runs the action, closes the store,
 * and turns the stores' typed refusals into a message naming the option and an exit code:
 * {@value #OK} done, {@value #NOT_FOUND} something named does not exist (or the store failed),
 * {@value #BAD_INPUT} the input was refused and nothing was written.
 */
final class StoreRun {
    static final int OK = 0;
    static final int NOT_FOUND = 1;
    static final int BAD_INPUT = 2;

    /** The stores name fields as the admin API does; people typed options. Unlisted fields become {@code --field-name}. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.ofEntries(
            Map.entry("customer_id", "--customer"), Map.entry("project_id", "--project"), Map.entry("key_id", "KEY_ID"),
            Map.entry("scope_id", "--id"), Map.entry("amount_nanos", "--amount"), Map.entry("budget_currency", "--currency"),
            Map.entry("budget_day_nanos", "--budget-day"), Map.entry("budget_month_nanos", "--budget-month"),
            Map.entry("budget_mode", "--mode"), Map.entry("requests_per_minute", "--rpm"),
            Map.entry("tokens_per_minute", "--tpm"), Map.entry("concurrent_requests", "--concurrent"),
            Map.entry("input_per_million", "--input"), Map.entry("output_per_million", "--output"),
            Map.entry("cached_input_per_million", "--cached-input"), Map.entry("effective_from", "--from"),
            Map.entry("expires_at", "--expires"), Map.entry("group_by", "--by"), Map.entry("bucket", "--series"),
            Map.entry("from", "--since"), Map.entry("to", "--until"), Map.entry("password", "password"));

    /** The work of one command, against an open store. Returns the exit code. */
    @FunctionalInterface
    interface Action {
        int run(CliStore store, Output out);
    }

    private StoreRun() {}

    static int run(CommandSpec spec, StoreOptions options, Action action) {
        PrintWriter err = spec.commandLine().getErr();
        Output out = new Output(spec.commandLine().getOut(), err, options.json);
        try (CliStore store = CliStore.open(options.load())) {
            return action.run(store, out);
        } catch (CliInputException e) {
            return fail(err, BAD_INPUT, e.option(), e.getMessage());
        } catch (AccountsException.NotFound e) {
            return fail(err, NOT_FOUND, option(e.field()), e.getMessage());
        } catch (AccountsException e) {
            return fail(err, BAD_INPUT, option(e.field()), e.getMessage());
        } catch (ValidationException e) {
            return fail(err, BAD_INPUT, option(e.field()), e.getMessage());
        } catch (RedemptionException e) {
            return fail(err, e.reason() == RedemptionException.Reason.UNKNOWN ? NOT_FOUND : BAD_INPUT, "--code", e.getMessage());
        } catch (GatewayException e) {
            return fail(err, e.status() == 404 ? NOT_FOUND : BAD_INPUT, e.param() == null ? null : option(e.param()), e.getMessage());
        } catch (ConfigException e) {
            return fail(err, BAD_INPUT, null, e.getMessage());
        } catch (StoreException e) {
            return fail(err, NOT_FOUND, null, "the store failed: " + e.getMessage());
        }
    }

    /** Prints {@code gatehouse: --option: message} and returns {@code code}. */
    static int fail(PrintWriter err, int code, String option, String message) {
        err.println("gatehouse: " + (option == null ? "" : option + ": ") + message);
        err.flush();
        return code;
    }

    static String option(String field) {
        if (field == null) return null;
        String bare = field.replaceAll("\\[\\d+]$", ""); // models[2] is --models
        return OPTION_OF_FIELD.getOrDefault(bare, "--" + bare.replace('_', '-'));
    }
}
