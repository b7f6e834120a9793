package dev.gatehouse.metering;

import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.simulator.Timing;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * What a test that kills gateways needs, and cleans up after it: a provider simulator, a directory
 * for the store, the journal and each gateway's log, and every gateway process it started.
 * Register it with {@code @RegisterExtension}.
 */
final class KillRig implements AfterEachCallback {
    private final Vertx vertx = Vertx.vertx();
    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    private final ProviderSimulator sim;

    KillRig() throws IOException, TimeoutException {
        this.dir = Files.createTempDirectory("gatehouse-kill-");
        this.sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults().withTiming(new Timing(2, 2, 2000, 2)))
                .await(10, TimeUnit.SECONDS);
    }

    ProviderSimulator sim() { return sim; }

    /** The embedded store's URL, with {@code settings} (";NAME=VALUE...", or empty) appended. */
    String jdbcUrl(String settings) { return "jdbc:h2:file:" + dir.resolve("db/gatehouse").toAbsolutePath() + settings; }

    /** A gateway on the simulator, the store at {@code jdbcUrl} and this rig's journal, logging to {@code name}.log. */
    KilledGateway launch(String jdbcUrl, String name) throws IOException {
        KilledGateway g = KilledGateway.launch(sim.port(), jdbcUrl, dataDir(), dir.resolve(name + ".log"));
        processes.add(g.process());
        return g;
    }

    /** The gateways' data directory: their journal is {@code journal} inside. */
    Path dataDir() { return dir.resolve("data"); }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (Process p : processes) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
