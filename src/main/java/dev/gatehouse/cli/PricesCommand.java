package dev.gatehouse.cli;

import dev.gatehouse.metering.Price;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** {@code gatehouse prices add|list}: what each provider's model costs per million tokens, with effective dates. */
@Command(name = "prices", mixinStandardHelpOptions = true, description = "Add and list model prices.")
public final class PricesCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a price from a start time on. Prices are history: an existing one is never replaced.")
    int add(@Mixin StoreOptions options,
            @Option(names = "--provider", required = true, description = "The provider's name in the config, e.g. openai.") String provider,
            @Option(names = "--model", required = true, description = "The upstream model, as a deployment names it.") String model,
            @Option(names = "--currency", required = true, description = "USD or CNY: the provider's currency.") String currency,
            @Option(names = "--input", required = true, paramLabel = "AMOUNT", description = "Price per million input tokens, e.g. 2.5.") String input,
            @Option(names = "--output", required = true, paramLabel = "AMOUNT", description = "Price per million output tokens.") String output,
            @Option(names = "--cached-input", paramLabel = "AMOUNT", description = "Price per million cached input tokens, where the provider prices them apart.") String cachedInput,
            @Option(names = "--from", paramLabel = "TIME", description = "When the price takes effect (ISO time or date); default: now.") String from) {
        return StoreRun.run(spec, options, (store, out) -> {
            Price p = store.prices().add(provider, model, currency.strip().toUpperCase(Locale.ROOT),
                    amount(input, "--input"), amount(output, "--output"),
                    cachedInput == null ? null : amount(cachedInput, "--cached-input"), Times.parseOrNull(from, "--from"));
            out.record(Views.price(p));
            return StoreRun.OK;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every price by provider, model and start.")
    int list(@Mixin StoreOptions options) {
        return StoreRun.run(spec, options, (store, out) -> {
            out.table(store.prices().list().stream().map(Views::price).toList(), List.of("id", "provider", "model", "currency",
                    "input_per_million", "output_per_million", "cached_input_per_million", "effective_from"));
            return StoreRun.OK;
        });
    }

    /** A decimal price; the store checks its sign and precision and names the field. */
    private static BigDecimal amount(String text, String option) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new CliInputException(option, "must be a decimal amount such as 2.5, not '" + text + "'");
        }
    }
}
