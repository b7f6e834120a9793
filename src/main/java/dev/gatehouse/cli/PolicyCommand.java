package dev.gatehouse.cli;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyException;
import dev.gatehouse.policy.PolicyHolder;
import dev.gatehouse.policy.Rule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code gatehouse policy check --config FILE}: compiles a config's request policy exactly as
 * {@code serve} and a reload would, without starting anything, so a compliance officer can try a
 * change before it goes live. Exit 0 and the rules in force, or exit 2 and every problem with its
 * file and line.
 */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Check the request policy of a configuration.",
        subcommands = PolicyCommand.Check.class)
public final class PolicyCommand {
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Compile the policy of a config file (its rules, packs, provider regions, geo database) and list its rules.")
    static final class Check implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, required = true, description = "The YAML configuration file.")
        Path config;

        @Override
        public Integer call() {
            Policy policy;
            try (PolicyHolder holder = PolicyHolder.load(ConfigLoader.fromSystemEnvironment().load(config), config, Clock.systemUTC())) {
                policy = holder.get();
            } catch (PolicyException | ConfigException e) {
                System.err.println("gatehouse: " + e.getMessage());
                return 2;
            }
            System.out.println("policy OK: " + policy.rules().size() + " rules from " + policy.source());
            for (Rule r : policy.rules()) {
                System.out.println("  " + r.id() + "  " + r.action().wire()
                        + (r.description() != null ? "  " + r.description() : ""));
            }
            System.out.println("geolocation: " + policy.geo().describe());
            System.out.println("personal data in prompts: " + (policy.scansPrompts() ? "scanned (a rule needs it)" : "not scanned (no rule needs it)"));
            return 0;
        }
    }
}
