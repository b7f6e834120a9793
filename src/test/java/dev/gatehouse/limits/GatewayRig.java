package dev.gatehouse.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.store.Blocking;
import dev.gatehouse.store.Database;
import dev.gatehouse.testkit.TempDirs;
import io.vertx.core.Future;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A real gateway in front of the provider simulator, with the stages a test gives it, and an HTTP client. */
final class GatewayRig implements AutoCloseable {
    static final String KEY = "sk-limits-test-key";
    static final String KEY_ID = keyId(KEY);

    private final Gateway gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private GatewayRig(Gateway gateway) { this.gateway = gateway; }

    static GatewayRig start(ProviderSimulator sim, List<GatewayStage> stages) throws Exception {
        String yaml = """
                server: {host: 127.0.0.1, port: 0, event_loops: 1}
                api_keys:
                  - {name: tester, key: %s}
                defaults:
                  retry: {max_retries: 0}
                providers:
                  openai: {type: openai, base_url: 'http://127.0.0.1:%d/v1', api_key: sim-key}
                routes:
                  gpt-4o:
                    deployments: [{provider: openai, model: gpt-4o}]
                  broken:
                    deployments: [{provider: openai, model: fault-500}]
                """.formatted(KEY, sim.port());
        GatewayConfig config = new ConfigLoader(name -> null).parse(yaml, "limits-test")
                .withData("jdbc:h2:mem:limits-rig-" + System.nanoTime(), TempDirs.create("limits-rig").toString());
        return new GatewayRig(Gateway.start(config, stages).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    HttpResponse<String> chat(String jsonFields) throws IOException, InterruptedException {
        return http.send(request("gpt-4o", jsonFields, Duration.ofSeconds(20)), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> chatTo(String model) throws IOException, InterruptedException {
        return http.send(request(model, "", Duration.ofSeconds(20)), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> chatAsync(String jsonFields) {
        return http.sendAsync(request("gpt-4o", jsonFields, Duration.ofSeconds(20)), HttpResponse.BodyHandlers.ofString());
    }

    /** A request the client gives up on after {@code timeout}, closing its connection. */
    CompletableFuture<HttpResponse<String>> chatGivingUpAfter(Duration timeout) {
        return http.sendAsync(request("gpt-4o", "", timeout), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String model, String jsonFields, Duration timeout) {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there, how are you?\"}]"
                + (jsonFields.isEmpty() ? "" : "," + jsonFields) + "}";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .timeout(timeout)
                .header("authorization", "Bearer " + KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static JsonNode error(HttpResponse<String> r) throws IOException {
        return Json.MAPPER.readTree(r.body()).path("error");
    }

    static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Override
    public void close() throws java.util.concurrent.TimeoutException {
        http.close();
        gateway.close().await(10, TimeUnit.SECONDS);
    }

    static String keyId(String key) {
        try {
            return "key_" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plays the accounts authenticator: the config key acts for a customer and project. */
    record AsCustomer(String customerId, String projectId) implements GatewayStage {
        @Override
        public void onHeaders(RequestContext ctx) {
            Caller c = ctx.caller();
            ctx.caller(new Caller(c.keyId(), c.name(), customerId, projectId, null));
        }
    }

    /**
     * Plays metering: each completed request costs {@code cost}; the usage record is written (off
     * the event loop) before the response finishes, and the cost is handed to the limits stage.
     */
    record FakeMetering(Database db, Blocking blocking, Spend cost) implements GatewayStage {
        @Override
        public Future<Void> beforeFinish(RequestContext ctx) {
            Caller c = ctx.caller();
            return blocking.run(() -> {
                TestStores.usage(db, Instant.now(), c.customerId(), c.projectId(), c.keyId(), cost.usdNanos(), cost.cnyNanos());
                return null;
            }).onSuccess(v -> ctx.attribute(Spend.ATTRIBUTE, cost)).mapEmpty();
        }
    }
}
