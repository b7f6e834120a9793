package dev.gatehouse.admin;

import dev.gatehouse.accounts.Role;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every write endpoint: unknown fields, wrong types, missing fields, negative limits,
 * duplicate names. Each gets 400 naming the field in {@code param}, and the store is unchanged.
 */
class AdminBadInputTest {
    private static Vertx vertx;
    private static AdminRig rig;
    private static Fixture fx;
    private static String owner;
    private static String existingName;
    private static String existingEmail;

    /** One bad call: expected {@code param} (null: none named) and {@code code}. */
    record Case(String method, String pattern, String body, String param, String code) {}

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        ProviderSimulator sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        rig = AdminRig.h2(sim);
        fx = Fixture.create(rig, "Bad Input");
        owner = rig.adminKey(null, Role.OWNER);
        existingName = rig.s().customers().get(fx.customerId()).orElseThrow().name();
        existingEmail = rig.s().users().get(fx.userId()).orElseThrow().email();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<Case> cases() {
        String inv = "invalid_request";
        String json = "invalid_json";
        List<Case> c = new ArrayList<>();
        String cus = "{\"name\":\"Fresh Co\",\"kind\":\"enterprise\",\"country\":\"DE\"";
        c.add(new Case("POST", "/customers", cus + ",\"tier\":\"gold\"}", "tier", inv));
        c.add(new Case("POST", "/customers", "{\"name\":5,\"kind\":\"enterprise\",\"country\":\"DE\"}", "name", inv));
        c.add(new Case("POST", "/customers", "{\"name\":\"Fresh Co\",\"kind\":\"enterprise\"}", "country", inv));
        c.add(new Case("POST", "/customers", "{\"name\":\"Fresh Co\",\"kind\":\"corporation\",\"country\":\"DE\"}", "kind", inv));
        c.add(new Case("POST", "/customers", "{\"name\":\"Fresh Co\",\"kind\":\"enterprise\",\"country\":\"XX\"}", "country", inv));
        c.add(new Case("POST", "/customers", "{\"name\":\"" + existingName + "\",\"kind\":\"enterprise\",\"country\":\"DE\"}", "name", AdminErrors.DUPLICATE));
        c.add(new Case("POST", "/customers", "{\"name\":\"A\",\"name\":\"B\",\"kind\":\"enterprise\",\"country\":\"DE\"}", null, json));
        c.add(new Case("POST", "/customers", "[1,2]", null, json));
        c.add(new Case("POST", "/customers", cus, null, json));
        c.add(new Case("POST", "/customers", null, null, json));
        c.add(new Case("PATCH", "/customers/{customer_id}", "{\"name\":\"\"}", "name", inv));
        c.add(new Case("PATCH", "/customers/{customer_id}", "{\"status\":\"closed\"}", "status", inv));
        c.add(new Case("PATCH", "/customers/{customer_id}", "{\"email\":\"not an email\"}", "email", inv));
        c.add(new Case("POST", "/customers/{customer_id}/status", "{\"status\":\"sleeping\"}", "status", inv));
        c.add(new Case("POST", "/customers/{customer_id}/status", "{}", "status", inv));
        c.add(new Case("POST", "/customers/{customer_id}/projects", "{}", "name", inv));
        c.add(new Case("POST", "/customers/{customer_id}/projects", "{\"name\":[\"x\"]}", "name", inv));
        c.add(new Case("POST", "/customers/{customer_id}/projects", "{\"name\":\"project\"}", "name", AdminErrors.DUPLICATE));
        c.add(new Case("PATCH", "/customers/{customer_id}/projects/{project_id}", "{\"name\":1}", "name", inv));
        c.add(new Case("POST", "/customers/{customer_id}/users", "{\"email\":\"n@example.com\",\"password\":\"short\",\"role\":\"viewer\"}", "password", inv));
        c.add(new Case("POST", "/customers/{customer_id}/users", "{\"email\":\"n@example.com\",\"password\":\"long enough password\",\"role\":\"god\"}", "role", inv));
        c.add(new Case("POST", "/customers/{customer_id}/users", "{\"email\":\"" + existingEmail + "\",\"password\":\"long enough password\",\"role\":\"viewer\"}", "email", AdminErrors.DUPLICATE));
        c.add(new Case("POST", "/operator/users", "{\"email\":\"n@example.com\",\"role\":\"viewer\"}", "password", inv));
        c.add(new Case("POST", "/customers/{customer_id}/keys", "{\"models\":[]}", "models", inv));
        c.add(new Case("POST", "/customers/{customer_id}/keys", "{\"models\":\"gpt-4o\"}", "models", inv));
        c.add(new Case("POST", "/customers/{customer_id}/keys", "{\"models\":[\"gpt-4o\",7]}", "models[1]", inv));
        c.add(new Case("POST", "/customers/{customer_id}/keys", "{\"expires_at\":\"tomorrow\"}", "expires_at", inv));
        c.add(new Case("POST", "/customers/{customer_id}/keys", "{\"expires_at\":\"2020-01-01T00:00:00Z\"}", "expires_at", inv));
        c.add(new Case("POST", "/customers/{customer_id}/keys", "{\"kind\":\"admin\"}", "role", inv));
        c.add(new Case("POST", "/customers/{customer_id}/keys", "{\"role\":\"viewer\"}", "role", inv));
        c.add(new Case("POST", "/customers/{customer_id}/keys", "{\"secret\":\"mine\"}", "secret", inv));
        c.add(new Case("POST", "/operator/keys", "{}", "role", inv));
        c.add(new Case("PUT", "/credentials/{provider}/{name}", "{\"value\":\"\"}", "value", inv));
        c.add(new Case("PUT", "/credentials/{provider}/{name}", "{\"value\":5}", "value", inv));
        String price = "{\"provider\":\"openai\",\"model\":\"m\",\"output_per_million\":2,";
        c.add(new Case("POST", "/prices", price + "\"currency\":\"EUR\",\"input_per_million\":1}", "currency", inv));
        c.add(new Case("POST", "/prices", price + "\"currency\":\"USD\",\"input_per_million\":-1}", "input_per_million", inv));
        c.add(new Case("POST", "/prices", price + "\"currency\":\"USD\",\"input_per_million\":\"1\"}", "input_per_million", inv));
        for (String limits : List.of("/customers/{customer_id}/limits", "/customers/{customer_id}/projects/{project_id}/limits",
                "/customers/{customer_id}/keys/{key_id}/limits")) {
            c.add(new Case("PUT", limits, "{\"requests_per_minute\":-5}", "requests_per_minute", inv));
            c.add(new Case("PUT", limits, "{\"tokens_per_minute\":1.5}", "tokens_per_minute", inv));
            c.add(new Case("PUT", limits, "{\"concurrent_requests\":0}", "concurrent_requests", inv));
            c.add(new Case("PUT", limits, "{\"budget_day_nanos\":-1,\"budget_currency\":\"USD\"}", "budget_day_nanos", inv));
            c.add(new Case("PUT", limits, "{\"budget_day_nanos\":5}", "budget_currency", inv));
            c.add(new Case("PUT", limits, "{\"requests_per_minute\":5,\"budget_mode\":\"maybe\"}", "budget_mode", inv));
            c.add(new Case("PUT", limits, "{\"requests_per_minute\":5,\"burst\":9}", "burst", inv));
            c.add(new Case("PUT", limits, "{}", null, inv));
        }
        c.add(new Case("POST", "/customers/{customer_id}/credits/topups", "{\"currency\":\"USD\",\"amount_nanos\":-1}", "amount_nanos", inv));
        c.add(new Case("POST", "/customers/{customer_id}/credits/topups", "{\"currency\":\"EUR\",\"amount_nanos\":1}", "currency", inv));
        c.add(new Case("POST", "/customers/{customer_id}/credits/topups", "{\"currency\":\"CNY\",\"amount_nanos\":1}", "currency", inv));
        c.add(new Case("POST", "/customers/{customer_id}/credits/topups", "{\"currency\":\"USD\",\"amount_nanos\":1e3}", "amount_nanos", inv));
        c.add(new Case("POST", "/customers/{customer_id}/credits/redeem", "{\"code\":\"ghc_unknown\"}", "code", "redemption_code_unknown"));
        c.add(new Case("POST", "/customers/{customer_id}/credits/redeem", "{}", "code", inv));
        c.add(new Case("POST", "/redemption-codes", "{\"count\":0,\"currency\":\"USD\",\"amount_nanos\":1}", "count", inv));
        c.add(new Case("POST", "/redemption-codes", "{\"count\":\"2\",\"currency\":\"USD\",\"amount_nanos\":1}", "count", inv));
        c.add(new Case("POST", "/redemption-codes", "{\"currency\":\"USD\",\"amount_nanos\":1,\"expires_at\":\"2020-01-01T00:00:00Z\"}", "expires_at", inv));
        c.add(new Case("POST", "/session", "{\"email\":\"a@example.com\",\"password\":\"x\",\"remember\":true}", "remember", inv));
        c.add(new Case("GET", "/customers?limit=0", null, "limit", inv));
        c.add(new Case("GET", "/customers?colour=red", null, "colour", inv));
        c.add(new Case("GET", "/usage?from=yesterday", null, "from", inv));
        c.add(new Case("GET", "/usage?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, "from", inv));
        c.add(new Case("GET", "/usage/groups?group_by=colour", null, "group_by", inv));
        c.add(new Case("GET", "/usage/groups", null, "group_by", inv));
        c.add(new Case("GET", "/usage/series?bucket=week", null, "bucket", inv));
        return c;
    }

    @Test
    void should_refuse_bad_input_with_400_naming_the_field_and_change_nothing() {
        String before = rig.snapshot();
        for (Case c : cases()) {
            var r = rig.call(c.method(), fx.path(c.pattern()), owner, c.body());
            String what = c.method() + " " + c.pattern() + " " + c.body() + " -> " + r;
            assertThat(r.status()).as(what).isEqualTo(400);
            assertThat(r.param()).as(what).isEqualTo(c.param());
            assertThat(r.code()).as(what).isEqualTo(c.code());
            assertThat(r.json().path("error").path("message").asText()).as(what).isNotBlank();
            assertThat(rig.snapshot()).as("store changed by " + what).isEqualTo(before);
        }
    }

    @Test
    void should_have_a_bad_input_case_for_every_write_endpoint() {
        Set<String> covered = new HashSet<>();
        cases().forEach(c -> covered.add(c.method() + " " + c.pattern()));
        for (Router.Route route : AdminHandler.routes(rig.s(), new Sessions(Clock.systemUTC())).routes()) {
            // endpoints without a body have nothing to get wrong but the path, which the isolation tests cover
            if (!route.access().writes() || Fixture.validBody(route) == null) continue;
            assertThat(covered).as("bad input cases").contains(route.method().name() + " " + route.pattern());
        }
    }
}
