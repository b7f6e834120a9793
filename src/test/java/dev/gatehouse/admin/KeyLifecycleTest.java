package dev.gatehouse.admin;

import dev.gatehouse.accounts.Role;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.store.StoreFixtures;
import dev.gatehouse.testkit.TempDirs;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys made through the admin API used on the model API, on both stores: create, use, model scope,
 * expiry, revoke (at once here, within a refresh on a second instance on the same database), and
 * a suspended customer whose requests never reach the provider.
 */
class KeyLifecycleTest {
    private static Vertx vertx;
    private static ProviderSimulator sim;

    @BeforeAll
    static void startSimulator() throws Exception {
        vertx = Vertx.vertx();
        sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void should_create_use_scope_expire_revoke_and_suspend_keys_through_the_admin_api(String store) throws Exception {
        String url = store.equals("h2") ? "jdbc:h2:mem:lifecycle-" + System.nanoTime() : StoreFixtures.postgresUrl();
        String user = store.equals("h2") ? "sa" : "postgres";
        try (AdminRig one = AdminRig.start(sim, url, user, TempDirs.create("lifecycle-1"));
             AdminRig two = AdminRig.start(sim, url, user, TempDirs.create("lifecycle-2"))) {
            String owner = one.adminKey(null, Role.OWNER);
            String cus = one.post("/customers", owner, "{\"name\":\"Lifecycle\",\"kind\":\"individual\",\"country\":\"GB\"}").json().path("id").asText();
            String prj = one.post("/customers/" + cus + "/projects", owner, "{\"name\":\"app\"}").json().path("id").asText();

            var created = one.post("/customers/" + cus + "/keys", owner, "{\"project_id\":\"" + prj + "\",\"models\":[\"gpt-4o\"]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String secret = created.json().path("secret").asText();
            String keyId = created.json().path("id").asText();

            assertThat(one.chat(secret, "gpt-4o").status()).isEqualTo(200);
            awaitStatus(two, secret, "gpt-4o", 200); // the other instance picks the new key up within a refresh
            var scoped = one.chat(secret, "gpt-4o-mini");
            assertThat(scoped.status()).isEqualTo(403);
            assertThat(scoped.code()).isEqualTo("model_not_allowed");

            assertThat(one.post("/customers/" + cus + "/keys/" + keyId + "/revoke", owner, null).status()).isEqualTo(200);
            var revoked = one.chat(secret, "gpt-4o");
            assertThat(revoked.status()).as("at once on the instance that revoked").isEqualTo(401);
            assertThat(revoked.code()).isEqualTo("invalid_api_key");
            awaitStatus(two, secret, "gpt-4o", 401);

            var expiring = one.post("/customers/" + cus + "/keys", owner, "{\"expires_at\":\"" + Instant.now().plusSeconds(2) + "\"}");
            String shortLived = expiring.json().path("secret").asText();
            assertThat(one.chat(shortLived, "gpt-4o").status()).isEqualTo(200);
            Thread.sleep(Math.max(0, Instant.parse(expiring.json().path("expires_at").asText()).toEpochMilli() - System.currentTimeMillis() + 50));
            assertThat(one.chat(shortLived, "gpt-4o").status()).isEqualTo(401);

            String open = one.post("/customers/" + cus + "/keys", owner, "{}").json().path("secret").asText();
            assertThat(one.chat(open, "gpt-4o-mini").status()).isEqualTo(200);
            var suspended = one.post("/customers/" + cus + "/status", owner, "{\"status\":\"suspended\"}");
            assertThat(suspended.json().path("status").asText()).isEqualTo("suspended");
            int reachedProvider = sim.requests().size();
            var refused = one.chat(open, "gpt-4o");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("account_suspended");
            assertThat(sim.requests()).as("nothing of a suspended customer reaches the provider").hasSize(reachedProvider);
            awaitStatus(two, open, "gpt-4o", 403); // the other instance may serve it until its next refresh

            assertThat(one.post("/customers/" + cus + "/status", owner, "{\"status\":\"active\"}").status()).isEqualTo(200);
            assertThat(one.chat(open, "gpt-4o").status()).isEqualTo(200);
        }
    }

    /** Polls {@code rig} until a chat with {@code key} answers {@code status}, for a few key-directory refreshes. */
    private static void awaitStatus(AdminRig rig, String key, String model, int status) throws InterruptedException {
        AdminRig.Res last = null;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); System.nanoTime() < deadline; Thread.sleep(100)) {
            last = rig.chat(key, model);
            if (last.status() == status) return;
        }
        assertThat(last.status()).as("second instance: " + last).isEqualTo(status);
    }
}
