package dev.gatehouse.cli;

import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.accounts.NewApiKey;
import dev.gatehouse.accounts.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;

/**
 * {@code gatehouse admin-keys create|list}: keys for the admin API. The first owner key of a new
 * installation is made here: whoever can read the config and the store is already its operator.
 */
@Command(name = "admin-keys", mixinStandardHelpOptions = true, description = "Create and list keys for the admin API.")
public final class AdminKeysCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an admin key and print its secret once.")
    int create(@Mixin StoreOptions options,
               @Option(names = "--role", required = true, description = "owner, admin, compliance or viewer.") String role,
               @Option(names = "--customer", paramLabel = "ID", description = "Limit the key to one customer; default: the operator's own staff.") String customer,
               @Option(names = "--name", description = "A name to recognise the key by.") String name) {
        return StoreRun.run(spec, options, (store, out) -> {
            KeysCommand.printCreated(out, store.keys().create(NewApiKey.admin(name, customer, Role.parse(role))));
            return StoreRun.OK;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List admin keys: the operator's, or one customer's.")
    int list(@Mixin StoreOptions options,
             @Option(names = "--customer", paramLabel = "ID", description = "The customer's id; default: the operator's own keys.") String customer) {
        return StoreRun.run(spec, options, (store, out) -> {
            if (customer != null && store.customers().get(customer).isEmpty()) {
                throw new AccountsException.NotFound("customer_id", "no customer " + customer);
            }
            var keys = customer == null ? store.keys().listOperatorKeys()
                    : store.keys().listForCustomer(customer).stream().filter(k -> k.role() != null).toList();
            out.table(keys.stream().map(Views::key).toList(),
                    List.of("id", "prefix", "role", "name", "customer_id", "status", "last_used_at", "created_at"));
            return StoreRun.OK;
        });
    }
}
