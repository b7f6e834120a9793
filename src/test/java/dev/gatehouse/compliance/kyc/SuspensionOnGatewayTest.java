package dev.gatehouse.compliance.kyc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.NewApiKey;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.api.Json;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.Subsystems;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.testkit.TempDirs;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real gateway in front of the provider simulator: a customer created through the admin API under
 * a listed name is suspended before the answer, and a list update that lists an existing customer
 * makes its key fail with 403 {@code account_suspended} at once, with nothing forwarded upstream.
 */
class SuspensionOnGatewayTest {
    private static Vertx vertx;
    private static ProviderSimulator sim;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startSimulator() throws Exception {
        vertx = Vertx.vertx();
        sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Lets another test class start gateways in front of its own simulator. */
    static void useSimulator(ProviderSimulator simulator) { sim = simulator; }

    static Gateway gateway() throws Exception {
        String yaml = """
                server: {host: 127.0.0.1, port: 0, event_loops: 1}
                store: {user: sa}
                defaults:
                  retry: {max_retries: 0}
                providers:
                  openai: {type: openai, base_url: 'http://127.0.0.1:%d/v1', api_key: sim-key}
                routes:
                  gpt-4o:
                    deployments: [{provider: openai, model: gpt-4o}]
                # suspension is decided at authentication; the request policy (whose default pack keeps
                # unverified and Chinese customers off OpenAI) is not what these tests are about
                policy: {packs: []}
                """.formatted(sim.port());
        GatewayConfig config = new ConfigLoader(name -> null).parse(yaml, "kyc-test")
                .withData("jdbc:h2:mem:kyc-" + System.nanoTime(), TempDirs.create("kyc").toString());
        return Gateway.start(config).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void should_suspend_a_listed_customer_so_its_key_gets_403_and_nothing_reaches_the_provider() throws Exception {
        Gateway gw = gateway();
        try {
            Subsystems s = gw.subsystems();
            String owner = s.keys().create(NewApiKey.admin("owner", null, Role.OWNER)).secret().value();
            s.screeningLists().importList(FixtureLists.of(FixtureLists.KENFA));

            HttpResponse<String> listed = admin(gw, "POST", "/customers", owner,
                    "{\"name\":\"Tianjin Kenfa Precision Machinery Co\",\"kind\":\"enterprise\",\"country\":\"CN\"}");
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
            assertThat(json(listed).path("status").asText()).isEqualTo("suspended");

            JsonNode clean = json(admin(gw, "POST", "/customers", owner, "{\"name\":\"Huawei Technologies Co Ltd\",\"kind\":\"enterprise\",\"country\":\"CN\"}"));
            assertThat(clean.path("status").asText()).isEqualTo("active");
            String cus = clean.path("id").asText();
            String prj = s.projects().create(cus, "app").id();
            String key = s.keys().create(NewApiKey.client("app", cus, prj, null, null)).secret().value();
            assertThat(chat(gw, key).statusCode()).isEqualTo(200);

            s.screeningLists().importList(FixtureLists.of(FixtureLists.KENFA, FixtureLists.HUAWEI));

            int forwarded = sim.requests().size();
            HttpResponse<String> refused = chat(gw, key);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(json(refused).path("error").path("code").asText()).isEqualTo("account_suspended");
            assertThat(sim.requests()).as("nothing of a suspended customer is forwarded").hasSize(forwarded);
        } finally {
            gw.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void should_record_the_address_a_customers_key_calls_from_in_its_cip_record() throws Exception {
        Gateway gw = gateway();
        try {
            Subsystems s = gw.subsystems();
            String cus = s.customers().create(new NewCustomer("Access Ltd", CustomerKind.ENTERPRISE, "DE", null, null, null)).id();
            String prj = s.projects().create(cus, "app").id();
            String key = s.keys().create(NewApiKey.client("app", cus, prj, null, null)).secret().value();

            assertThat(chat(gw, key).statusCode()).isEqualTo(200);
            assertThat(chat(gw, key).statusCode()).isEqualTo(200);
            s.accessIps().flush(); // what the timer does every few seconds

            assertThat(s.screening().cip().accessIps(cus)).singleElement().satisfies(a -> {
                assertThat(a.ip()).isEqualTo("127.0.0.1");
                assertThat(a.kind()).isEqualTo("api");
            });
        } finally {
            gw.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> admin(Gateway gw, String method, String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/admin/v1" + path))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(Gateway gw, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception { return Json.MAPPER.readTree(r.body()); }
}
