package dev.gatehouse.cli;

import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.accounts.Customer;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.CustomerUpdate;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.accounts.Page;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code gatehouse customers create|update|list|show|suspend|activate|close}. A new customer, and a
 * change of name, kind or country, is screened at once against the imported lists, as through the
 * admin API: a block-band hit suspends it before the command returns.
 */
@Command(name = "customers", mixinStandardHelpOptions = true, description = "Create, list and change customers.")
public final class CustomersCommand {
    private static final List<String> COLUMNS = List.of("id", "name", "kind", "country", "status", "email", "created_at");
    private static final int PAGE = 1000;

    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a customer and screen it against the imported lists.")
    int create(@Mixin StoreOptions options,
               @Option(names = "--name", required = true, description = "Legal name; unique.") String name,
               @Option(names = "--kind", required = true, description = "individual or enterprise.") String kind,
               @Option(names = "--country", required = true, description = "ISO 3166-1 alpha-2 code of registration or residence, e.g. CN.") String country,
               @Option(names = "--email", description = "Contact email.") String email,
               @Option(names = "--phone", description = "Contact phone, e.g. +86 10 1234 5678.") String phone,
               @Option(names = "--status", description = "pending or active (default active).") String status) {
        return StoreRun.run(spec, options, (store, out) -> {
            CustomerStatus st = status == null ? null : CustomerStatus.parse(status);
            if (st != null && st != CustomerStatus.PENDING && st != CustomerStatus.ACTIVE) {
                throw new AccountsException.Invalid("status", "a new customer is pending or active, not " + st.wire());
            }
            NewCustomer in = new NewCustomer(name, CustomerKind.parse(kind), country, email, phone, st);
            out.record(Views.customer(store.screening().onboard(in, CliStore.actor())));
            return StoreRun.OK;
        });
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a customer's details; a new name, kind or country is screened at once.")
    int update(@Mixin StoreOptions options, @Parameters(paramLabel = "ID", description = "The customer's id.") String id,
               @Option(names = "--name", description = "Legal name; unique.") String name,
               @Option(names = "--kind", description = "individual or enterprise.") String kind,
               @Option(names = "--country", description = "ISO 3166-1 alpha-2 code, e.g. CN.") String country,
               @Option(names = "--email", description = "Contact email.") String email,
               @Option(names = "--phone", description = "Contact phone.") String phone) {
        return StoreRun.run(spec, options, (store, out) -> {
            if (name == null && kind == null && country == null && email == null && phone == null) {
                throw new CliInputException("--name", "nothing to change: give --name, --kind, --country, --email or --phone");
            }
            CustomerUpdate u = new CustomerUpdate(name, kind == null ? null : CustomerKind.parse(kind), country, email, phone);
            // only a screened change needs the lists in memory
            Customer c = name != null || kind != null || country != null
                    ? store.screening().update(id, u, CliStore.actor()) : store.customers().update(id, u);
            out.record(Views.customer(c));
            return StoreRun.OK;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every customer, oldest first.")
    int list(@Mixin StoreOptions options) {
        return StoreRun.run(spec, options, (store, out) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            CustomerStore customers = store.customers();
            for (Integer offset = 0; offset != null; ) {
                Page<Customer> page = customers.list(offset, PAGE);
                page.items().forEach(c -> rows.add(Views.customer(c)));
                offset = page.nextOffset();
            }
            out.table(rows, COLUMNS);
            return StoreRun.OK;
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one customer.")
    int show(@Mixin StoreOptions options, @Parameters(paramLabel = "ID", description = "The customer's id.") String id) {
        return StoreRun.run(spec, options, (store, out) -> {
            Customer c = store.customers().get(id)
                    .orElseThrow(() -> new AccountsException.NotFound("customer_id", "no customer " + id));
            out.record(Views.customer(c));
            return StoreRun.OK;
        });
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Suspend a customer: their keys stop working (on a running gateway within its key refresh).")
    int suspend(@Mixin StoreOptions options, @Parameters(paramLabel = "ID", description = "The customer's id.") String id) {
        return changeStatus(options, id, CustomerStatus.SUSPENDED);
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "Activate a pending or suspended customer.")
    int activate(@Mixin StoreOptions options, @Parameters(paramLabel = "ID", description = "The customer's id.") String id) {
        return changeStatus(options, id, CustomerStatus.ACTIVE);
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Close a customer. Final: a closed customer cannot be reopened.")
    int close(@Mixin StoreOptions options, @Parameters(paramLabel = "ID", description = "The customer's id.") String id) {
        return changeStatus(options, id, CustomerStatus.CLOSED);
    }

    private int changeStatus(StoreOptions options, String id, CustomerStatus status) {
        return StoreRun.run(spec, options, (store, out) -> {
            out.record(Views.customer(store.customers().changeStatus(id, status)));
            return StoreRun.OK;
        });
    }
}
