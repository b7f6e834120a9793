package dev.gatehouse.cli;

import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.accounts.CreatedKey;
import dev.gatehouse.accounts.NewApiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** {@code gatehouse keys create|list|revoke}: customers' virtual API keys. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke customers' API keys.")
public final class KeysCommand {
    static final String SHOWN_ONCE = "this is the only time the secret is shown; it cannot be shown again. Store it safely now.";

    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API key and print its secret once.")
    int create(@Mixin StoreOptions options,
               @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer's id.") String customer,
               @Option(names = "--project", paramLabel = "ID", description = "One of the customer's projects.") String project,
               @Option(names = "--name", description = "A name to recognise the key by.") String name,
               @Option(names = "--models", split = ",", paramLabel = "ROUTE", description = "Only these routes (comma-separated); default: every route.") List<String> models,
               @Option(names = "--expires", paramLabel = "TIME", description = "When the key stops working, e.g. 2027-01-01T00:00:00Z.") String expires) {
        return StoreRun.run(spec, options, (store, out) -> {
            CreatedKey created = store.keys().create(NewApiKey.client(name, customer, project,
                    models == null ? null : new LinkedHashSet<>(models), Times.parseOrNull(expires, "--expires")));
            printCreated(out, created);
            return StoreRun.OK;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a customer's keys, newest first (never their secrets).")
    int list(@Mixin StoreOptions options,
             @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer's id.") String customer) {
        return StoreRun.run(spec, options, (store, out) -> {
            if (store.customers().get(customer).isEmpty()) {
                throw new AccountsException.NotFound("customer_id", "no customer " + customer);
            }
            out.table(store.keys().listForCustomer(customer).stream().map(Views::key).toList(),
                    List.of("id", "prefix", "kind", "name", "project_id", "models", "status", "expires_at", "last_used_at", "created_at"));
            return StoreRun.OK;
        });
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key (client or admin). A running gateway refuses it within its key refresh.")
    int revoke(@Mixin StoreOptions options, @Parameters(paramLabel = "KEY_ID", description = "The key's id (key_...).") String keyId) {
        return StoreRun.run(spec, options, (store, out) -> {
            out.record(Views.key(store.keys().revoke(keyId)));
            return StoreRun.OK;
        });
    }

    /** The key, then its secret once, and a warning (on stderr, so scripts can take stdout as is). */
    static void printCreated(Output out, CreatedKey created) {
        Map<String, Object> row = new LinkedHashMap<>(Views.key(created.key()));
        row.put("secret", created.secret().value());
        out.record(row);
        out.warn(SHOWN_ONCE);
    }
}
