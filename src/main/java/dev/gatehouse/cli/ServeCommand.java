package dev.gatehouse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gatehouse serve --config FILE [--port N]}: runs the gateway until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "The YAML configuration file.")
    Path config;

    @Option(names = {"-p", "--port"}, description = "Listen on this port (overrides the config; default 8080).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        throw new IllegalStateException("serve is wired up in the next commit");
    }
}
