package dev.gatehouse.metering;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.store.Database;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A gateway with metering, run as its own OS process by {@link KillNineTest} so that the test can
 * kill it with SIGKILL. Arguments: the simulator's port, the JDBC URL, the data directory, the port to listen on
 * (a given one: with port 0, {@code Gateway.start} cannot share the port between event loops).
 * The gateway wires its own store, journal and ledger loader from the config, as in production.
 * Prints {@code READY <port> <records replayed>} once it serves; SIGTERM shuts it down cleanly.
 */
public final class MeteredGatewayMain {
    static final String KEY = "sk-kill-test";

    private MeteredGatewayMain() {}

    public static void main(String[] args) throws Exception {
        int simPort = Integer.parseInt(args[0]);
        String yaml = """
                server: {host: 127.0.0.1, port: %d, event_loops: 2}
                api_keys:
                  - name: kill-test
                    key: %s
                providers:
                  openai: {type: openai, base_url: "http://127.0.0.1:%d/v1", api_key: sim-key}
                routes:
                  gpt-4o:
                    deployments:
                      - {provider: openai, model: gpt-4o}
                """.formatted(Integer.parseInt(args[3]), KEY, simPort);
        GatewayConfig config = new ConfigLoader(name -> null).parse(yaml, "kill-test").withData(args[1], args[2]);
        Gateway gateway = Gateway.start(config).await();
        PriceStore prices = gateway.subsystems().prices();
        if (prices.list().isEmpty()) {
            prices.add("openai", "gpt-4o", "USD", new BigDecimal("2.5"), new BigDecimal("10"), null, Instant.EPOCH);
        }
        int replayed = gateway.subsystems().replayedOnStart();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close().await();
            stopped.countDown();
        }));
        System.out.println("READY " + gateway.port() + " " + replayed);
        System.out.flush();
        stopped.await();
    }
}
