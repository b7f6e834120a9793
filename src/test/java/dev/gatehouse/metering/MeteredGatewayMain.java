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
        Database db = Database.open(config.store());
        Journal journal = Journal.open(Path.of(config.metering().journalDir()), config.metering().fsyncIntervalMs());
        PriceStore prices = new PriceStore(db);
        if (prices.list().isEmpty()) {
            prices.add("openai", "gpt-4o", "USD", new BigDecimal("2.5"), new BigDecimal("10"), null, Instant.EPOCH);
        }
        PriceBook book = new PriceBook(prices, config.metering().cnyPerUsd());
        // A slow loader, so that a kill leaves records in the journal that only the replay can save.
        LedgerLoader loader = new LedgerLoader(journal, db, Duration.ofSeconds(1));
        int replayed = loader.start();
        Gateway gateway = Gateway.start(config, List.of(new MeteringStage(journal, book))).await();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close().await();
            loader.close();
            journal.close();
            book.close();
            db.close();
            stopped.countDown();
        }));
        System.out.println("READY " + gateway.port() + " " + replayed);
        System.out.flush();
        stopped.await();
    }
}
