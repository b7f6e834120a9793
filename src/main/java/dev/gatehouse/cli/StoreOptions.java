package dev.gatehouse.cli;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The options every store command shares: which config names the store, and how to print. */
public final class StoreOptions {
    static final Path DEFAULT_CONFIG = Path.of("gatehouse.yaml");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The gateway's YAML configuration (its store: section is used). Default: gatehouse.yaml in the working directory.")
    Path config;

    @Option(names = "--json", description = "Print JSON for scripts instead of a table.")
    boolean json;

    /** The configuration the command works against; a missing file is a clear {@link ConfigException}. */
    GatewayConfig load() {
        Path file = config != null ? config : DEFAULT_CONFIG;
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(config != null
                    ? "--config: no such file: " + file
                    : "no configuration: pass --config FILE, or run where gatehouse.yaml is (looked for "
                            + file.toAbsolutePath() + ")");
        }
        return ConfigLoader.fromSystemEnvironment().load(file);
    }
}
