package dev.gatehouse.admin;

import dev.gatehouse.accounts.Role;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer-scoped owner key of customer A against every route of the router, aimed at customer
 * B's objects: 404 everywhere (never 403, which would confirm B exists), 403 on operator-only
 * routes whatever they name, and nothing changed in the store.
 */
class AdminIsolationTest {
    private static Vertx vertx;
    private static AdminRig rig;
    private static Fixture a;
    private static Fixture b;
    private static String aOwner;
    private static List<Router.Route> routes;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        ProviderSimulator sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        rig = AdminRig.h2(sim);
        a = Fixture.create(rig, "Alpha");
        b = Fixture.create(rig, "Bravo");
        aOwner = rig.adminKey(a.customerId(), Role.OWNER);
        routes = AdminHandler.routes(rig.s(), new Sessions(Clock.systemUTC())).routes();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_answer_404_on_every_customer_route_naming_another_customer_and_change_nothing() {
        String before = rig.snapshot();
        int checked = 0;
        for (Router.Route route : routes) {
            if (!route.pattern().contains("{customer_id}")) continue;
            var r = rig.call(route.method().name(), b.path(route.pattern()), aOwner, Fixture.validBody(route));
            int expected = route.access().operatorOnly() ? 403 : 404;
            assertThat(r.status()).as(route.method() + " " + route.pattern() + " -> " + r).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(25);
        assertThat(rig.snapshot()).isEqualTo(before);
    }

    @Test
    void should_answer_404_when_its_own_customer_path_names_another_customers_project_key_or_user() {
        String before = rig.snapshot();
        int checked = 0;
        for (Router.Route route : routes) {
            if (!route.pattern().contains("{customer_id}") || route.access().operatorOnly()) continue;
            if (Fixture.subObjectParams().stream().noneMatch(route.pattern()::contains)) continue;
            var r = rig.call(route.method().name(), a.pathWithForeignObjects(route.pattern(), b), aOwner, Fixture.validBody(route));
            assertThat(r.status()).as(route.method() + " " + route.pattern() + " -> " + r).isEqualTo(404);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
        assertThat(rig.snapshot()).isEqualTo(before);
    }

    @Test
    void should_refuse_operator_routes_to_a_customer_principal_with_403() {
        String before = rig.snapshot();
        for (Router.Route route : routes) {
            if (!route.access().operatorOnly() || route.pattern().contains("{customer_id}")) continue;
            var r = rig.call(route.method().name(), b.path(route.pattern()).replace("{key_id}", b.operatorKeyId()), aOwner, Fixture.validBody(route));
            assertThat(r.status()).as(route.method() + " " + route.pattern() + " -> " + r).isEqualTo(403);
        }
        assertThat(rig.snapshot()).isEqualTo(before);
    }

    @Test
    void should_list_only_its_own_customer_and_confine_usage_to_it() throws Exception {
        var customers = rig.get("/customers", aOwner).json().path("data");
        assertThat(customers).hasSize(1);
        assertThat(customers.get(0).path("id").asText()).isEqualTo(a.customerId());

        assertThat(rig.chat(a.keySecret(), "gpt-4o").status()).isEqualTo(200);
        assertThat(rig.chat(b.keySecret(), "gpt-4o").status()).isEqualTo(200);
        String operator = rig.adminKey(null, Role.VIEWER);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15); System.nanoTime() < deadline; Thread.sleep(100)) {
            if (rig.get("/usage", operator).json().path("requests").asLong() >= 2) break;
        }
        assertThat(rig.get("/usage", operator).json().path("requests").asLong()).isEqualTo(2);

        assertThat(rig.get("/usage", aOwner).json().path("requests").asLong()).isEqualTo(1);
        assertThat(rig.get("/usage?key_id=" + b.keyId(), aOwner).json().path("requests").asLong()).isZero();
        assertThat(rig.get("/usage/groups?group_by=customer", aOwner).json().path("data").findValuesAsText("group")).containsExactly(a.customerId());
        assertThat(rig.get("/usage/export.csv", aOwner).body()).contains(a.customerId()).doesNotContain(b.customerId());
        for (String path : List.of("/usage", "/usage/groups?group_by=key&", "/usage/series?", "/usage/export.csv?")) {
            String url = path.contains("?") ? path + "customer_id=" + b.customerId() : path + "?customer_id=" + b.customerId();
            assertThat(rig.get(url, aOwner).status()).as(url).isEqualTo(404);
        }
    }
}
