package dev.gatehouse.cli;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.policy.PolicyException;
import dev.gatehouse.server.Gateway;
import io.netty.util.internal.PlatformDependent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code gatehouse serve --config FILE [--port N]}: runs the gateway until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "The YAML configuration file.")
    Path config;

    @Option(names = {"-p", "--port"}, description = "Listen on this port (overrides the config; default 8080).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        GatewayConfig loaded;
        try {
            loaded = ConfigLoader.fromSystemEnvironment().load(config);
        } catch (ConfigException e) {
            System.err.println("gatehouse: " + e.getMessage());
            return 2;
        }
        Gateway gateway = startGateway(port != null ? loaded.withPort(port) : loaded, config);
        if (gateway == null) return 2;
        System.out.println("Gatehouse listening on http://" + loaded.server().host() + ":" + gateway.port() + "/v1 ("
                + gateway.transport() + ")");
        String slowNetty = slowNettyNote();
        if (slowNetty != null) System.err.println(slowNetty);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close().await();
            stopped.countDown();
        }, "gatehouse-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * What to tell an operator whose JVM keeps {@code sun.misc.Unsafe} from Netty (JDK 24+ started
     * without the launcher's options, e.g. with {@code java -jar}); null when Netty has it.
     */
    static String slowNettyNote() {
        if (PlatformDependent.hasUnsafe()) return null;
        return "gatehouse: note: Netty runs without sun.misc.Unsafe (" + PlatformDependent.getUnsafeUnavailabilityCause()
                + "), some 5-10 % slower; start the JVM with --sun-misc-unsafe-memory-access=allow, as ./gatehouse does";
    }

    /** Starts the gateway, or prints why it cannot start and returns null. */
    static Gateway startGateway(GatewayConfig config, Path configFile) {
        try {
            return Gateway.start(config, configFile, java.util.List.of()).await();
        } catch (ConfigException | PolicyException e) {
            System.err.println("gatehouse: " + e.getMessage());
        } catch (Exception e) {
            System.err.println("gatehouse: cannot start: " + e.getMessage());
        }
        return null;
    }
}
