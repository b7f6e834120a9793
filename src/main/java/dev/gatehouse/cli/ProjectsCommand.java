package dev.gatehouse.cli;

import dev.gatehouse.accounts.AccountsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code gatehouse projects create|list}. */
@Command(name = "projects", mixinStandardHelpOptions = true, description = "Create and list a customer's projects.")
public final class ProjectsCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a project under a customer.")
    int create(@Mixin StoreOptions options,
               @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer's id.") String customer,
               @Option(names = "--name", required = true, description = "Unique within the customer.") String name) {
        return StoreRun.run(spec, options, (store, out) -> {
            out.record(Views.project(store.projects().create(customer, name)));
            return StoreRun.OK;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a customer's projects.")
    int list(@Mixin StoreOptions options,
             @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer's id.") String customer) {
        return StoreRun.run(spec, options, (store, out) -> {
            if (store.customers().get(customer).isEmpty()) {
                throw new AccountsException.NotFound("customer_id", "no customer " + customer);
            }
            out.table(store.projects().listForCustomer(customer).stream().map(Views::project).toList(),
                    List.of("id", "name", "created_at"));
            return StoreRun.OK;
        });
    }
}
