package dev.gatehouse.admin;

import dev.gatehouse.accounts.NewUser;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.config.Secret;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles over every route: readers cannot write anything; owners alone manage owners. */
class AdminRolesTest {
    private static Vertx vertx;
    private static AdminRig rig;
    private static Fixture fx;
    private static List<Router.Route> routes;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        ProviderSimulator sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        rig = AdminRig.h2(sim);
        fx = Fixture.create(rig, "Roles");
        routes = AdminHandler.routes(rig.s(), new Sessions(Clock.systemUTC())).routes();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_refuse_every_write_to_viewers_and_compliance_and_change_nothing() {
        String operatorCompliance = rig.adminKey(null, Role.COMPLIANCE);
        List<String> readers = List.of(rig.adminKey(null, Role.VIEWER), operatorCompliance,
                rig.adminKey(fx.customerId(), Role.VIEWER), rig.adminKey(fx.customerId(), Role.COMPLIANCE));
        String before = rig.snapshot();
        int writes = 0;
        for (String reader : readers) {
            for (Router.Route route : routes) {
                if (!route.access().writes()) continue;
                if (route.access() == Access.COMPLIANCE_WRITE && reader.equals(operatorCompliance)) continue; // its own writes
                writes++;
                var r = rig.call(route.method().name(), fx.path(route.pattern()), reader, Fixture.validBody(route));
                assertThat(r.status()).as(route.method() + " " + route.pattern() + " -> " + r).isEqualTo(403);
                assertThat(r.code()).isEqualTo("forbidden");
            }
        }
        assertThat(writes).as("write routes x principals").isGreaterThanOrEqualTo(4 * 25);
        assertThat(rig.snapshot()).isEqualTo(before);
    }

    @Test
    void should_let_an_operator_viewer_read_every_read_route_but_the_compliance_reports() {
        String viewer = rig.adminKey(null, Role.VIEWER);
        int reports = 0;
        for (Router.Route route : routes) {
            if (route.access().writes() || route.method().name().equals("DELETE") || route.access() == Access.PUBLIC) continue;
            String question = route.method().name().equals("POST") ? "{\"model\":\"gpt-4o\"}" : null; // a read that takes a body: policy explain
            var r = rig.call(route.method().name(), fx.path(route.pattern()) + (route.pattern().equals("/usage/groups") ? "?group_by=key" : ""), viewer, question);
            if (route.access() == Access.COMPLIANCE_READ) {
                reports++;
                assertThat(r.status()).as(route.method() + " " + route.pattern() + " -> " + r).isEqualTo(403);
                assertThat(r.json().path("error").path("message").asText()).contains("compliance reports", "viewer");
            } else {
                assertThat(r.status()).as(route.method() + " " + route.pattern() + " -> " + r).isEqualTo(200);
            }
        }
        assertThat(reports).isEqualTo(2);
    }

    @Test
    void should_let_only_owners_create_disable_or_revoke_owners() {
        String admin = rig.adminKey(null, Role.ADMIN);
        String owner = rig.adminKey(null, Role.OWNER);
        String ownerUser = rig.s().users().create(new NewUser(fx.customerId(), "owner-" + System.nanoTime() + "@example.com",
                new Secret("long enough password"), Role.OWNER)).id();
        String ownerKey = rig.s().keys().create(dev.gatehouse.accounts.NewApiKey.admin("o", null, Role.OWNER)).key().id();
        String before = rig.snapshot();

        assertThat(rig.post("/operator/keys", admin, "{\"role\":\"owner\"}").status()).isEqualTo(403);
        assertThat(rig.post("/operator/users", admin, "{\"email\":\"x" + System.nanoTime() + "@example.com\",\"password\":\"long enough password\",\"role\":\"owner\"}").status()).isEqualTo(403);
        assertThat(rig.post("/customers/" + fx.customerId() + "/keys", admin, "{\"kind\":\"admin\",\"role\":\"owner\"}").status()).isEqualTo(403);
        assertThat(rig.post("/customers/" + fx.customerId() + "/users/" + ownerUser + "/disable", admin, null).status()).isEqualTo(403);
        assertThat(rig.post("/operator/keys/" + ownerKey + "/revoke", admin, null).status()).isEqualTo(403);
        assertThat(rig.snapshot()).isEqualTo(before);

        assertThat(rig.post("/operator/keys", admin, "{\"role\":\"admin\"}").status()).isEqualTo(201);
        assertThat(rig.post("/operator/keys", owner, "{\"role\":\"owner\"}").status()).isEqualTo(201);
        assertThat(rig.post("/customers/" + fx.customerId() + "/users/" + ownerUser + "/disable", owner, null).status()).isEqualTo(200);
        assertThat(rig.post("/operator/keys/" + ownerKey + "/revoke", owner, null).status()).isEqualTo(200);
    }

    @Test
    void should_refuse_missing_unknown_and_client_keys_with_401() {
        assertThat(rig.get("/customers", null).status()).isEqualTo(401);
        assertThat(rig.get("/customers", "gh-nothing-like-a-key").status()).isEqualTo(401);
        var client = rig.get("/customers", fx.keySecret());
        assertThat(client.status()).isEqualTo(401);
        assertThat(client.code()).isEqualTo("invalid_api_key");
    }

    @Test
    void should_sign_in_with_a_session_usable_as_bearer_or_cookie_and_sign_out() {
        String email = "console-" + System.nanoTime() + "@example.com";
        rig.s().users().create(new NewUser(fx.customerId(), email, new Secret("long enough password"), Role.ADMIN));
        var in = rig.post("/session", null, "{\"email\":\"" + email + "\",\"password\":\"long enough password\"}");
        assertThat(in.status()).as(in.toString()).isEqualTo(200);
        String token = in.json().path("token").asText();
        String cookie = in.header("set-cookie");
        assertThat(cookie).contains("gh_session=" + token).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");

        var me = rig.get("/session", token).json();
        assertThat(me.path("kind").asText()).isEqualTo("session");
        assertThat(me.path("customer_id").asText()).isEqualTo(fx.customerId());
        var byCookie = rig.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.gateway.port() + "/admin/v1/customers/" + fx.customerId() + "/projects"))
                .header("cookie", "gh_session=" + token).GET().build());
        assertThat(byCookie.status()).isEqualTo(200);
        assertThat(rig.post("/customers/" + fx.customerId() + "/projects", token, "{\"name\":\"from console " + System.nanoTime() + "\"}").status()).isEqualTo(201);

        assertThat(rig.call("DELETE", "/session", token, null).status()).isEqualTo(204);
        assertThat(rig.get("/session", token).status()).isEqualTo(401);
    }

    @Test
    void should_answer_every_failed_sign_in_alike_so_emails_cannot_be_enumerated() {
        String email = "known-" + System.nanoTime() + "@example.com";
        String disabled = "gone-" + System.nanoTime() + "@example.com";
        rig.s().users().create(new NewUser(null, email, new Secret("long enough password"), Role.VIEWER));
        var gone = rig.s().users().create(new NewUser(null, disabled, new Secret("long enough password"), Role.VIEWER));
        rig.s().users().disable(gone.id());

        var wrongPassword = rig.post("/session", null, "{\"email\":\"" + email + "\",\"password\":\"not the password\"}");
        var unknownEmail = rig.post("/session", null, "{\"email\":\"nobody-" + System.nanoTime() + "@example.com\",\"password\":\"not the password\"}");
        var disabledUser = rig.post("/session", null, "{\"email\":\"" + disabled + "\",\"password\":\"long enough password\"}");
        for (var r : List.of(wrongPassword, unknownEmail, disabledUser)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).isEqualTo(wrongPassword.body());
        }
    }

    @Test
    void should_end_a_disabled_users_sessions_and_refuse_sessions_of_a_suspended_customer() {
        var other = Fixture.create(rig, "Suspended");
        String email = "s-" + System.nanoTime() + "@example.com";
        var user = rig.s().users().create(new NewUser(other.customerId(), email, new Secret("long enough password"), Role.VIEWER));
        String token = rig.post("/session", null, "{\"email\":\"" + email + "\",\"password\":\"long enough password\"}").json().path("token").asText();
        assertThat(rig.get("/session", token).status()).isEqualTo(200);

        rig.s().customers().changeStatus(other.customerId(), dev.gatehouse.accounts.CustomerStatus.SUSPENDED);
        var suspended = rig.get("/session", token);
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(suspended.code()).isEqualTo("account_suspended");
        rig.s().customers().changeStatus(other.customerId(), dev.gatehouse.accounts.CustomerStatus.ACTIVE);
        assertThat(rig.get("/session", token).status()).isEqualTo(200);

        String operator = rig.adminKey(null, Role.ADMIN);
        assertThat(rig.post("/customers/" + other.customerId() + "/users/" + user.id() + "/disable", operator, null).status()).isEqualTo(200);
        assertThat(rig.get("/session", token).status()).isEqualTo(401);
    }

    @Test
    void should_refuse_a_session_whose_user_was_disabled_elsewhere() {
        String email = "elsewhere-" + System.nanoTime() + "@example.com";
        var user = rig.s().users().create(new NewUser(null, email, new Secret("long enough password"), Role.ADMIN));
        String token = rig.post("/session", null, "{\"email\":\"" + email + "\",\"password\":\"long enough password\"}").json().path("token").asText();
        assertThat(rig.get("/operator/users", token).status()).isEqualTo(200);
        rig.s().users().disable(user.id()); // straight in the store, as another instance would
        assertThat(rig.get("/operator/users", token).status()).isEqualTo(401);
    }
}
