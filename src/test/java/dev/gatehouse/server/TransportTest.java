package dev.gatehouse.server;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.testkit.TempDirs;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gateway serves plain and streamed completions on each network transport it offers, one at a
 * time and a hundred connections at once, and
 * {@code auto} takes the first one the machine allows (io_uring, then epoll, then Java NIO).
 */
class TransportTest {
    private static final String KEY = "sk-gatehouse-transport-test";
    private static Vertx vertx;
    private static ProviderSimulator sim;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).await();
    }

    @AfterAll
    static void stop() {
        if (vertx != null) vertx.close().await();
    }

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void should_serve_plain_and_streamed_completions_on_the_named_transport(String name) throws Exception {
        assumeTrue(name.equals("nio") || available(name), name + " is not available on this machine");
        Gateway gw = start(name);
        try {
            assertThat(gw.transport()).isEqualTo(name);
            HttpResponse<String> plain = chat(gw, false);
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.body()).contains("\"object\":\"chat.completion\"");
            HttpResponse<String> streamed = chat(gw, true);
            assertThat(streamed.statusCode()).isEqualTo(200);
            assertThat(streamed.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(streamed.body()).contains("chat.completion.chunk").endsWith("data: [DONE]\n\n");
            // many connections at once, plain and streamed mixed: Netty 4.2.12's io_uring lost most of these
            List<CompletableFuture<HttpResponse<String>>> together = new ArrayList<>();
            for (int i = 0; i < 100; i++) together.add(chatAsync(gw, i % 2 == 0));
            for (int i = 0; i < together.size(); i++) {
                HttpResponse<String> r = together.get(i).get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as("concurrent request %d", i).isEqualTo(200);
                assertThat(r.body()).as("concurrent request %d", i).contains(i % 2 == 0 ? "data: [DONE]" : "\"object\":\"chat.completion\"");
            }
        } finally {
            gw.close().await();
        }
    }

    @Test
    void should_take_the_first_transport_the_machine_allows_when_asked_for_auto() throws Exception {
        String expected = available("io_uring") ? "io_uring" : available("epoll") ? "epoll" : "nio";
        Gateway gw = start("auto");
        try {
            assertThat(gw.transport()).isEqualTo(expected);
            assertThat(chat(gw, false).statusCode()).isEqualTo(200);
        } finally {
            gw.close().await();
        }
    }

    @Test
    void should_refuse_to_start_on_a_named_transport_the_machine_does_not_offer_and_say_why() {
        // kqueue is BSD's and macOS's; Gatehouse does not ship its library, so Vert.x has no such transport
        assumeTrue(Transport.KQUEUE == null);

        assertThatThrownBy(() -> Transports.required(Transport.KQUEUE, "kqueue"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("server.transport kqueue is not available on this machine: its Netty library is not on the class path")
                .hasMessageEndingWith("; use auto to fall back to what is");
    }

    private static boolean available(String name) {
        Transport t = name.equals("io_uring") ? Transport.IO_URING : Transport.EPOLL;
        return t != null && t.available();
    }

    private static Gateway start(String transport) throws Exception {
        Path dir = TempDirs.create("transport-it");
        Path configFile = dir.resolve("gatehouse.yaml");
        Files.writeString(configFile, """
                server: {host: 127.0.0.1, port: 0, event_loops: 1, transport: %s}
                api_keys: [{name: test, key: %s}]
                providers:
                  openai: {type: openai, base_url: 'http://127.0.0.1:%d/v1', api_key: sim-key}
                routes:
                  gpt-4o: {deployments: [{provider: openai, model: gpt-4o}]}
                """.formatted(transport, KEY, sim.port()));
        var config = ConfigLoader.fromSystemEnvironment().load(configFile)
                .withData("jdbc:h2:mem:transport-" + System.nanoTime(), dir.toString());
        return Gateway.start(config, configFile, List.of()).await();
    }

    private static CompletableFuture<HttpResponse<String>> chatAsync(Gateway gw, boolean stream) {
        String body = "{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> chat(Gateway gw, boolean stream) throws Exception {
        return chatAsync(gw, stream).get(30, TimeUnit.SECONDS);
    }
}
