package dev.gatehouse.cli;

import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.simulator.Timing;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code gatehouse simulate --port 9001}: runs the provider simulator, a development and test tool
 * that answers like the upstream providers on loopback, until the process is killed.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run the Gatehouse provider simulator: a development and test tool (not a provider) that "
                + "answers like OpenAI, Azure OpenAI, Anthropic and Tencent Hunyuan with deterministic replies.")
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = {"-p", "--port"}, defaultValue = "9001", description = "Listen on this port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Listen on this address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Wait before the response headers (default ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--ttft-ms", defaultValue = "0", description = "Further wait before the first token (default ${DEFAULT-VALUE}).")
    long ttftMs;

    @Option(names = "--tokens-per-second", defaultValue = "0", description = "Generation speed; 0 sends as fast as possible (default ${DEFAULT-VALUE}).")
    double tokensPerSecond;

    @Option(names = "--chunk-tokens", defaultValue = "1", description = "Tokens per streamed chunk (default ${DEFAULT-VALUE}).")
    int chunkTokens;

    @Override
    public Integer call() throws InterruptedException {
        SimulatorOptions options = SimulatorOptions.defaults().withHost(host).withPort(port)
                .withTiming(new Timing(latencyMs, ttftMs, tokensPerSecond, chunkTokens));
        Vertx vertx = Vertx.vertx();
        ProviderSimulator sim = ProviderSimulator.start(vertx, options).await();
        System.out.println("Gatehouse provider simulator (a development and test tool, not a provider) listening on "
                + sim.baseUrl() + "; admin API at " + sim.baseUrl() + "/_sim/");
        new CountDownLatch(1).await(); // runs until the process is killed
        return 0;
    }
}
