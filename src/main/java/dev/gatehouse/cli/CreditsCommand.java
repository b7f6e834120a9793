package dev.gatehouse.cli;

import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.limits.CreditAccount;
import dev.gatehouse.limits.Currency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code gatehouse credits topup|balance|codes|redeem}: prepaid credit, as one-api's users know it. */
@Command(name = "credits", mixinStandardHelpOptions = true, description = "Prepaid credit: top-ups, balances and redemption codes.")
public final class CreditsCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "topup", mixinStandardHelpOptions = true,
            description = "Add credit; the first top-up opens the account in its currency.")
    int topup(@Mixin StoreOptions options,
              @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer's id.") String customer,
              @Option(names = "--amount", required = true, description = "Amount in currency units, e.g. 10.00.") String amount,
              @Option(names = "--currency", required = true, description = "USD or CNY.") String currency,
              @Option(names = "--reference", description = "A note kept with the transaction, e.g. an invoice number.") String reference) {
        return StoreRun.run(spec, options, (store, out) -> {
            long nanos = Money.positiveNanos(amount, "--amount");
            Currency cur = Currency.parse(currency, "currency");
            requireCustomer(store, customer);
            out.record(Views.credit(store.credits().topUp(customer, cur, nanos, reference)));
            return StoreRun.OK;
        });
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "Show a customer's prepaid balance.")
    int balance(@Mixin StoreOptions options,
                @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer's id.") String customer) {
        return StoreRun.run(spec, options, (store, out) -> {
            requireCustomer(store, customer);
            Optional<CreditAccount> account = store.credits().account(customer);
            if (account.isPresent()) {
                out.record(Views.credit(account.get()));
            } else {
                Map<String, Object> none = new LinkedHashMap<>();
                none.put("customer_id", customer);
                none.put("currency", null);
                none.put("balance", null);
                none.put("balance_nanos", null);
                out.record(none);
                out.note("No prepaid credit account: this customer is not limited by credit.");
            }
            return StoreRun.OK;
        });
    }

    @Command(name = "codes", mixinStandardHelpOptions = true, description = "Create redemption codes and print them once.")
    int codes(@Mixin StoreOptions options,
              @Option(names = "--count", required = true, description = "How many codes.") int count,
              @Option(names = "--amount", required = true, description = "Each code's worth in currency units.") String amount,
              @Option(names = "--currency", required = true, description = "USD or CNY.") String currency,
              @Option(names = "--expires", paramLabel = "TIME", description = "When unused codes expire; default: never.") String expires) {
        return StoreRun.run(spec, options, (store, out) -> {
            long nanos = Money.positiveNanos(amount, "--amount");
            Currency cur = Currency.parse(currency, "currency");
            List<String> codes = store.credits().createCodes(count, cur, nanos, Times.parseOrNull(expires, "--expires"));
            if (out.json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("currency", cur.name());
                doc.put("amount", Money.format(nanos));
                doc.put("amount_nanos", nanos);
                doc.put("codes", codes);
                out.record(doc);
            } else {
                codes.forEach(out.out()::println);
                out.out().flush();
            }
            out.warn("these codes are shown only now; the store keeps only their hashes.");
            return StoreRun.OK;
        });
    }

    @Command(name = "redeem", mixinStandardHelpOptions = true, description = "Redeem a code for a customer (each code works once).")
    int redeem(@Mixin StoreOptions options,
               @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer's id.") String customer,
               @Option(names = "--code", required = true, description = "The redemption code.") String code) {
        return StoreRun.run(spec, options, (store, out) -> {
            requireCustomer(store, customer);
            out.record(Views.credit(store.credits().redeem(customer, code)));
            return StoreRun.OK;
        });
    }

    private static void requireCustomer(CliStore store, String customer) {
        if (store.customers().get(customer).isEmpty()) {
            throw new AccountsException.NotFound("customer_id", "no customer " + customer);
        }
    }
}
