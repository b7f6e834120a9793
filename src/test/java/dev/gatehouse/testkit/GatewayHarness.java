package dev.gatehouse.testkit;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.RecordedRequest;
import dev.gatehouse.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A real gateway in front of the real provider simulator, both on loopback, for a test class:
 * <pre>
 * &#64;RegisterExtension static final GatewayHarness gw = GatewayHarness.withConfig("it/faults.yaml");
 * </pre>
 * The simulator gets a free port (its own Vert.x); the config is loaded with {@code SIMULATOR_PORT}
 * set to it (and {@code CLOSED_PORT} to a port nothing listens on); the gateway listens on a free
 * port. Before each test the simulator forgets its faults and recordings; after the class both stop.
 */
public final class GatewayHarness implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    /** The client key of {@code examples/simulated.yaml} and of the test configs. */
    public static final String KEY = "sk-gatehouse-example";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String configName;
    private final boolean fromProjectRoot;
    private List<GatewayStage> extraStages = List.of();
    private Vertx simulatorVertx;
    private ProviderSimulator simulator;
    private Gateway gateway;
    private java.nio.file.Path dataDir;
    private OpenAIClient openAi;
    private HttpClient http;
    private int closedPort;

    private GatewayHarness(String configName, boolean fromProjectRoot) {
        this.configName = configName;
        this.fromProjectRoot = fromProjectRoot;
    }

    /** A config from the test resources, e.g. {@code it/faults.yaml}. */
    public static GatewayHarness withConfig(String resource) {
        return new GatewayHarness(resource, false);
    }

    /** The shipped {@code examples/simulated.yaml}, read from the project root. */
    public static GatewayHarness withExampleConfig() {
        return new GatewayHarness("examples/simulated.yaml", true);
    }

    /** Runs {@code stages} after the gateway's own (a test's stand-in for a stage not wired yet). */
    public GatewayHarness withStages(GatewayStage... stages) {
        this.extraStages = List.of(stages);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        simulatorVertx = Vertx.vertx();
        simulator = ProviderSimulator.start(simulatorVertx, SimulatorOptions.defaults()).await();
        closedPort = freePort();
        String simPort = Integer.toString(simulator.port());
        String closed = Integer.toString(closedPort);
        ConfigLoader loader = new ConfigLoader(name -> switch (name) {
            case "SIMULATOR_PORT" -> simPort;
            case "CLOSED_PORT" -> closed;
            default -> System.getenv(name);
        });
        // each harness has its own in-memory store and data folder: nothing lands in the project's ./data
        dataDir = TempDirs.create("gatehouse-it");
        GatewayConfig config = loader.parse(configText(), configName).withPort(0)
                .withData("jdbc:h2:mem:it-" + System.nanoTime(), dataDir.toString());
        gateway = Gateway.start(config, extraStages).await();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        openAi = OpenAIOkHttpClient.builder().baseUrl(baseUrl()).apiKey(KEY).maxRetries(0).timeout(TIMEOUT).build();
        warmUp();
    }

    /**
     * One answer straight from the simulator, so the first test does not pay for class loading and
     * the tokenizer's start (which can take longer than a test config's short first-byte timeout).
     */
    private void warmUp() {
        send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1/chat/completions")).timeout(TIMEOUT)
                .header("authorization", "Bearer sim-key").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o", "warm up"))).build());
        simulator.reset();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (openAi != null) openAi.close();
        if (http != null) http.close();
        if (gateway != null) gateway.close().await();
        if (simulatorVertx != null) simulatorVertx.close().await();
    }

    public OpenAIClient openAi() { return openAi; }

    public ProviderSimulator simulator() { return simulator; }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() { return "http://127.0.0.1:" + gateway.port() + "/v1"; }

    public int port() { return gateway.port(); }

    /** A port on which nothing listens (connections are refused). */
    public int closedPort() { return closedPort; }

    /** POST {@code /v1/...} with a JSON body and the client key. */
    public HttpResult post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).header("authorization", "Bearer " + KEY)
                .header("content-type", "application/json").build());
    }

    /** GET {@code /v1/...} with the client key. */
    public HttpResult get(String path) {
        return send(request(path).GET().header("authorization", "Bearer " + KEY).build());
    }

    /** A request builder for {@code /v1/...} (or any path starting with a slash after {@code /v1}), without a key. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(TIMEOUT);
    }

    public HttpResult send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpResult(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a chat request with {@code "stream": true} already in it and reads the whole event stream. */
    public SseResult stream(String json) {
        HttpResult r = post("/chat/completions", json);
        return new SseResult(r.status(), r.header("content-type"), r.body(), SseResult.dataOf(r.body()));
    }

    /** Raw bytes on a fresh socket to the gateway; see {@link RawHttp#exchange}. */
    public HttpResult raw(String head, byte[] body) {
        return RawHttp.exchange(port(), head, body);
    }

    /** The simulator's recorded requests whose JSON body names {@code model} (or whose Azure path does). */
    public List<RecordedRequest> callsFor(String model) {
        return simulator.requests().stream()
                .filter(r -> r.body().contains("\"model\":\"" + model + "\"") || r.body().contains("\"Model\":\"" + model + "\"")
                        || r.path().contains("/deployments/" + model + "/"))
                .toList();
    }

    /** Polls until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out waiting until " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    /** A simple chat request body for {@code model}. */
    public static String chat(String model, String userText) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + userText + "\"}]}";
    }

    /** A streamed chat request body for {@code model}. */
    public static String streamedChat(String model, String userText, boolean includeUsage) {
        return "{\"model\":\"" + model + "\",\"stream\":true" + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + userText + "\"}]}";
    }

    /** A string of {@code n} times {@code c}. */
    public static String repeat(char c, int n) {
        char[] a = new char[n];
        Arrays.fill(a, c);
        return new String(a);
    }

    private String configText() throws IOException {
        if (fromProjectRoot) return Files.readString(Path.of(configName), StandardCharsets.UTF_8);
        try (InputStream in = GatewayHarness.class.getClassLoader().getResourceAsStream(configName)) {
            if (in == null) throw new IOException("test config " + configName + " is not on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
