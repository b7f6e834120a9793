package dev.gatehouse.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The Gatehouse provider simulator: a development and test tool, not a provider. It plays every
 * upstream dialect the gateway speaks (OpenAI and OpenAI-compatible, Azure OpenAI, Anthropic,
 * Tencent Hunyuan) on loopback with deterministic answers, configurable timing and injectable
 * faults, and records what it received, so no test ever calls a real provider.
 * See {@code docs/simulator.md}.
 * <pre>
 * ProviderSimulator sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).await();
 * sim.addFault(Fault.status(429).forModel("gpt-4o").times(1));
 * ... point the gateway at "http://127.0.0.1:" + sim.port() ...
 * sim.close().await();
 * </pre>
 */
public final class ProviderSimulator {
    private final SimulatorOptions options;
    private final Recorder recorder = new Recorder();
    private final FaultBook faults = new FaultBook();
    private volatile Timing timing;
    private HttpServer server;
    private ReplyGenerator generator;

    private ProviderSimulator(SimulatorOptions options) {
        this.options = options;
        this.timing = options.timing();
    }

    /** Starts listening; the future completes once the port is bound. */
    public static Future<ProviderSimulator> start(Vertx vertx, SimulatorOptions options) {
        Objects.requireNonNull(vertx, "vertx");
        ProviderSimulator sim = new ProviderSimulator(Objects.requireNonNull(options, "options"));
        ReplyGenerator generator = new ReplyGenerator(options.replyTokens());
        sim.generator = generator;
        OpenAiChat chat = new OpenAiChat(generator);
        Tc3Verifier verifier = new Tc3Verifier(options.tencentSecretId(), options.tencentSecretKey(), "hunyuan", Clock.systemUTC());
        SimRouter router = new SimRouter(vertx, sim.recorder, sim.faults, () -> sim.timing, new AdminApi(sim),
                new OpenAiDialect(chat, options.embeddingDimensions()),
                new AzureDialect(chat, options.embeddingDimensions()),
                new AnthropicDialect(generator),
                new TencentDialect(generator, verifier, options.embeddingDimensions()));
        sim.server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port()))
                .requestHandler(router::handle);
        return sim.server.listen().map(s -> sim);
    }

    /** The bound port (useful when the options asked for port 0). */
    public int port() {
        return server.actualPort();
    }

    /** {@code http://host:port}, the base URL to configure upstreams with. */
    public String baseUrl() {
        return "http://" + options.host() + ":" + port();
    }

    public Future<Void> close() {
        return server.close();
    }

    /** The recorded requests, oldest first (at most the last 10,000). */
    public List<RecordedRequest> requests() {
        return recorder.requests();
    }

    /** Successful answers sent to their last byte. */
    public long completedCount() {
        return recorder.completed();
    }

    public SimulatorStats stats() {
        return recorder.stats();
    }

    public void clearRequests() {
        recorder.clearRequests();
    }

    public void addFault(Fault fault) {
        faults.add(Objects.requireNonNull(fault, "fault"));
    }

    public void clearFaults() {
        faults.clear();
    }

    public List<Fault> faults() {
        return faults.list();
    }

    public Timing timing() {
        return timing;
    }

    /** Changes the timing of requests that arrive from now on. */
    public void timing(Timing newTiming) {
        this.timing = Objects.requireNonNull(newTiming, "timing");
    }

    /** Changes the natural length of text replies (before a smaller max_tokens cuts them) from now on. */
    public void replyTokens(int tokens) {
        if (tokens < 1) throw new IllegalArgumentException("replyTokens must be at least 1");
        generator.replyTokens(tokens);
    }

    /** Forgets faults, recordings and counters, and restores the start-up timing and reply length. */
    public void reset() {
        faults.clear();
        recorder.reset();
        timing = options.timing();
        generator.replyTokens(options.replyTokens());
    }
}
