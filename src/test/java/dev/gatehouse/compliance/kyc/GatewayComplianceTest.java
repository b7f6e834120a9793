package dev.gatehouse.compliance.kyc;

import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.NewApiKey;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.accounts.NewUser;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.audit.AuditKey;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditVerifier;
import dev.gatehouse.audit.VerifyResult;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Subject;
import dev.gatehouse.compliance.screening.Thresholds;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.config.Secret;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.Subsystems;
import dev.gatehouse.testkit.GatewayHarness;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real gateway run with the compliance and audit settings of its config: the thresholds screen,
 * a quiet audit log is still checkpointed, lists imported by another process are picked up within
 * seconds, and the addresses a customer administers its account from land in its CIP record.
 */
class GatewayComplianceTest {
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

    private record Running(Gateway gw, Path data) implements AutoCloseable {
        Subsystems s() { return gw.subsystems(); }

        @Override
        public void close() throws java.util.concurrent.TimeoutException {
            gw.close().await(20, TimeUnit.SECONDS);
        }
    }

    private static Running gateway(String extra) throws Exception {
        String yaml = """
                server: {host: 127.0.0.1, port: 0, event_loops: 1}
                store: {user: sa}
                providers:
                  openai: {type: openai, base_url: 'http://127.0.0.1:%d/v1', api_key: sim-key}
                routes:
                  gpt-4o:
                    deployments: [{provider: openai, model: gpt-4o}]
                """.formatted(sim.port()) + extra;
        Path data = TempDirs.create("kyc-gw");
        GatewayConfig config = new ConfigLoader(name -> null).parse(yaml, "kyc-test")
                .withData("jdbc:h2:mem:kycgw-" + System.nanoTime(), data.toString());
        return new Running(Gateway.start(config).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS), data);
    }

    @Test
    void should_screen_with_the_configured_thresholds_and_checkpoint_a_quiet_log() throws Exception {
        try (Running r = gateway("""
                compliance: {review_threshold: 0.6, block_threshold: 0.7}
                audit: {checkpoint_interval_seconds: 1}
                """)) {
            assertThat(r.s().screeningLists().screener().thresholds()).isEqualTo(new Thresholds(0.6, 0.7));

            r.s().auditSink().submit(AuditEntry.of(AuditCategory.POLICY_DENIAL, "key_a", "policy.embargo", "req_1"));
            AuditVerifier verifier = new AuditVerifier(r.s().db(), AuditKey.publicOnly(AuditKey.publicFile(r.data().resolve("audit.key"))));
            // one entry is far from the thousandth; only the timer signs it
            GatewayHarness.await("the entry is written and checkpointed", Duration.ofSeconds(10),
                    () -> verifier.verify() instanceof VerifyResult.Ok ok && ok.entries() == 1 && ok.checkpoints() == 1);
        }
    }

    @Test
    void should_pick_up_lists_another_process_imported_within_seconds() throws Exception {
        try (Running r = gateway("")) {
            Subject huawei = new Subject(List.of("Huawei Technologies"), null, "CN", null, null);
            assertThat(r.s().screeningLists().screen(huawei).hits()).isEmpty();

            // what `gatehouse lists import` does in its own process: its own lists over the same store
            new ScreeningLists(r.s().db(), Thresholds.DEFAULTS).importList(FixtureLists.of(FixtureLists.HUAWEI));

            GatewayHarness.await("the gateway screens with the imported list", Duration.ofSeconds(15),
                    () -> !r.s().screeningLists().screen(huawei).hits().isEmpty());
        }
    }

    @Test
    void should_record_the_addresses_a_customer_administers_its_account_from() throws Exception {
        try (Running r = gateway("")) {
            Subsystems s = r.s();
            String cus = s.customers().create(new NewCustomer("Self Service Ltd", CustomerKind.ENTERPRISE, "DE", null, null, null)).id();
            String other = s.customers().create(new NewCustomer("Operator Managed Ltd", CustomerKind.ENTERPRISE, "DE", null, null, null)).id();
            String ownKey = s.keys().create(NewApiKey.admin("own", cus, Role.OWNER)).secret().value();
            String operatorKey = s.keys().create(NewApiKey.admin("ops", null, Role.OWNER)).secret().value();
            s.users().create(new NewUser(other, "admin@other.example", new Secret("correct horse battery"), Role.OWNER));

            assertThat(admin(r, "GET", "/customers/" + cus, ownKey, null).statusCode()).isEqualTo(200);
            assertThat(admin(r, "GET", "/customers/" + other, operatorKey, null).statusCode()).as("the operator's own staff").isEqualTo(200);
            HttpResponse<String> signIn = admin(r, "POST", "/session", null,
                    "{\"email\":\"admin@other.example\",\"password\":\"correct horse battery\"}");
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
            s.accessIps().flush(); // what the timer does every few seconds

            assertThat(s.screening().cip().accessIps(cus)).singleElement().satisfies(a -> {
                assertThat(a.ip()).isEqualTo("127.0.0.1");
                assertThat(a.kind()).isEqualTo("admin");
            });
            assertThat(s.screening().cip().accessIps(other)).as("the sign-in of its user, not the operator's call")
                    .singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo("admin"));
            assertThat(AuditLog.tail(s.db(), 100)).as("reads are not audited").isEmpty();
        }
    }

    private HttpResponse<String> admin(Running r, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.gw().port() + "/admin/v1" + path))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
