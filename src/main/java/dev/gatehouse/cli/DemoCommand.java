package dev.gatehouse.cli;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code gatehouse demo}: the provider simulator and the gateway together, configured by
 * {@code examples/simulated.yaml}, with a curl command that works. For trying Gatehouse out.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the provider simulator and the gateway with examples/simulated.yaml, and print a working curl command.")
public final class DemoCommand implements Callable<Integer> {
    static final String EXAMPLE = "examples/simulated.yaml";
    static final String EXAMPLE_KEY = "sk-gatehouse-example";

    @Option(names = {"-p", "--port"}, description = "Gateway port (default: the config's, 8080).")
    Integer port;

    @Option(names = "--simulator-port", defaultValue = "9001", description = "Simulator port (default ${DEFAULT-VALUE}).")
    int simulatorPort;

    @Option(names = {"-c", "--config"}, description = "Config file (default: " + EXAMPLE + ", else the copy inside the jar).")
    Path config;

    @Override
    public Integer call() throws Exception {
        Vertx simVertx = Vertx.vertx();
        ProviderSimulator sim;
        try {
            sim = ProviderSimulator.start(simVertx, SimulatorOptions.defaults().withPort(simulatorPort)).await();
        } catch (Exception e) {
            System.err.println("gatehouse: cannot start the simulator on port " + simulatorPort + ": " + e.getMessage());
            simVertx.close();
            return 2;
        }
        String simPort = Integer.toString(sim.port());
        GatewayConfig loaded;
        try {
            ConfigLoader loader = new ConfigLoader(name -> "SIMULATOR_PORT".equals(name) ? simPort : System.getenv(name));
            loaded = config != null ? loader.load(config) : loader.parse(exampleText(), EXAMPLE);
        } catch (ConfigException | IOException e) {
            System.err.println("gatehouse: " + e.getMessage());
            simVertx.close();
            return 2;
        }
        Gateway gateway = ServeCommand.startGateway(port != null ? loaded.withPort(port) : loaded, config);
        if (gateway == null) {
            simVertx.close();
            return 2;
        }
        String key = loaded.apiKeys().stream().anyMatch(k -> EXAMPLE_KEY.equals(k.key().value())) ? EXAMPLE_KEY : "$YOUR_GATEHOUSE_KEY";
        String base = "http://" + loaded.server().host() + ":" + gateway.port() + "/v1";
        System.out.println("Provider simulator (a development and test tool, not a provider) on " + sim.baseUrl());
        System.out.println("Gatehouse on " + base + " with routes: " + String.join(", ", loaded.routes().keySet()));
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl -s " + base + "/chat/completions -H 'Authorization: Bearer " + key + "' \\");
        System.out.println("    -H 'Content-Type: application/json' \\");
        System.out.println("    -d '{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'");
        System.out.println();
        System.out.println("Stop with Ctrl-C.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close().await();
            simVertx.close().await();
            stopped.countDown();
        }, "gatehouse-demo-shutdown"));
        stopped.await();
        return 0;
    }

    /** The example from the working directory when there is one (it may have been edited), else the jar's copy. */
    private static String exampleText() throws IOException {
        Path local = Path.of(EXAMPLE);
        if (Files.isRegularFile(local)) return Files.readString(local, StandardCharsets.UTF_8);
        try (InputStream in = DemoCommand.class.getResourceAsStream("/" + EXAMPLE)) {
            if (in == null) throw new IOException(EXAMPLE + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
