package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.config.Secret;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The happy path of every resource of the admin API, over HTTP, with an operator owner key. */
class AdminResourcesTest {
    private static Vertx vertx;
    private static ProviderSimulator sim;
    private static AdminRig rig;
    private static String owner;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        rig = AdminRig.h2(sim);
        owner = rig.adminKey(null, Role.OWNER);
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String newCustomer(String name) {
        var r = rig.post("/customers", owner, "{\"name\":\"" + name + "\",\"kind\":\"enterprise\",\"country\":\"de\",\"email\":\"ops@example.com\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    @Test
    void should_create_list_page_get_update_and_change_the_status_of_customers() {
        var created = rig.post("/customers", owner, "{\"name\":\"Acme GmbH\",\"kind\":\"enterprise\",\"country\":\"de\",\"phone\":\"+49 30 1234567\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.path("country").asText()).isEqualTo("DE");
        assertThat(c.path("status").asText()).isEqualTo("active");
        String id = c.path("id").asText();
        newCustomer("Paging One");
        newCustomer("Paging Two");

        var page = rig.get("/customers?limit=2", owner);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("data")).hasSize(2);
        int next = page.json().path("next_offset").asInt();
        var rest = rig.get("/customers?limit=1000&offset=" + next, owner);
        assertThat(rest.json().path("data").size() + 2).isEqualTo(rig.s().customers().list(0, 1000).items().size());

        assertThat(rig.get("/customers/" + id, owner).json().path("name").asText()).isEqualTo("Acme GmbH");
        var updated = rig.call("PATCH", "/customers/" + id, owner, "{\"name\":\"Acme AG\",\"email\":\"legal@acme.example\"}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("name").asText()).isEqualTo("Acme AG");
        assertThat(updated.json().path("phone").asText()).isEqualTo("+49 30 1234567");

        var closed = rig.post("/customers/" + id + "/status", owner, "{\"status\":\"closed\"}");
        assertThat(closed.json().path("status").asText()).isEqualTo("closed");
        assertThat(closed.json().path("closed_at").isNull()).isFalse();
        assertThat(rig.s().customers().get(id).orElseThrow().closedAt()).isNotNull();
    }

    @Test
    void should_create_list_get_and_rename_projects() {
        String cus = newCustomer("Projects Ltd");
        var p = rig.post("/customers/" + cus + "/projects", owner, "{\"name\":\"chatbot\"}");
        assertThat(p.status()).isEqualTo(201);
        String pid = p.json().path("id").asText();
        assertThat(rig.get("/customers/" + cus + "/projects", owner).json().path("data").get(0).path("name").asText()).isEqualTo("chatbot");
        var renamed = rig.call("PATCH", "/customers/" + cus + "/projects/" + pid, owner, "{\"name\":\"assistant\"}");
        assertThat(renamed.json().path("name").asText()).isEqualTo("assistant");
        assertThat(rig.get("/customers/" + cus + "/projects/" + pid, owner).json().path("name").asText()).isEqualTo("assistant");
    }

    @Test
    void should_create_list_and_disable_users_whose_password_then_stops_working() {
        String cus = newCustomer("Users Inc");
        var u = rig.post("/customers/" + cus + "/users", owner, "{\"email\":\"Ann@Users.example\",\"password\":\"correct horse battery\",\"role\":\"viewer\"}");
        assertThat(u.status()).as(u.toString()).isEqualTo(201);
        assertThat(u.json().has("password")).isFalse();
        assertThat(u.json().path("email").asText()).isEqualTo("ann@users.example");
        String uid = u.json().path("id").asText();
        assertThat(rig.get("/customers/" + cus + "/users", owner).json().path("data")).hasSize(1);
        assertThat(rig.s().users().verifyPassword("ann@users.example", new Secret("correct horse battery"))).isPresent();

        var staff = rig.post("/operator/users", owner, "{\"email\":\"ops@gatehouse.example\",\"password\":\"another long one\",\"role\":\"admin\"}");
        assertThat(staff.status()).isEqualTo(201);
        assertThat(staff.json().path("customer_id").isNull()).isTrue();
        assertThat(rig.get("/operator/users", owner).json().path("data").findValuesAsText("email")).contains("ops@gatehouse.example");

        var disabled = rig.post("/customers/" + cus + "/users/" + uid + "/disable", owner, null);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().path("disabled_at").isNull()).isFalse();
        assertThat(rig.s().users().verifyPassword("ann@users.example", new Secret("correct horse battery"))).isEmpty();
    }

    @Test
    void should_show_a_new_keys_secret_once_and_list_get_and_revoke_keys() {
        String cus = newCustomer("Keys GmbH");
        String prj = rig.post("/customers/" + cus + "/projects", owner, "{\"name\":\"web\"}").json().path("id").asText();
        var created = rig.post("/customers/" + cus + "/keys", owner, "{\"name\":\"web key\",\"project_id\":\"" + prj
                + "\",\"models\":[\"gpt-4o\"],\"expires_at\":\"" + Instant.now().plusSeconds(3600) + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.json().path("secret").asText();
        String kid = created.json().path("id").asText();
        assertThat(secret).startsWith(created.json().path("prefix").asText());

        var got = rig.get("/customers/" + cus + "/keys/" + kid, owner);
        assertThat(got.body()).doesNotContain(secret).doesNotContain("secret");
        assertThat(got.json().path("models").get(0).asText()).isEqualTo("gpt-4o");
        var listed = rig.get("/customers/" + cus + "/keys", owner);
        assertThat(listed.body()).doesNotContain(secret);
        assertThat(listed.json().path("data")).hasSize(1);

        var admin = rig.post("/customers/" + cus + "/keys", owner, "{\"kind\":\"admin\",\"role\":\"viewer\"}");
        assertThat(admin.status()).isEqualTo(201);
        assertThat(rig.get("/session", admin.json().path("secret").asText()).json().path("customer_id").asText()).isEqualTo(cus);

        var revoked = rig.post("/customers/" + cus + "/keys/" + kid + "/revoke", owner, null);
        assertThat(revoked.json().path("revoked_at").isNull()).isFalse();

        var op = rig.post("/operator/keys", owner, "{\"name\":\"ci\",\"role\":\"viewer\"}");
        assertThat(op.status()).isEqualTo(201);
        assertThat(rig.get("/operator/keys", owner).json().path("data").findValuesAsText("id")).contains(op.json().path("id").asText());
        assertThat(rig.post("/operator/keys/" + op.json().path("id").asText() + "/revoke", owner, null).status()).isEqualTo(200);
        assertThat(rig.get("/session", op.json().path("secret").asText()).status()).isEqualTo(401);
    }

    @Test
    void should_store_provider_credentials_encrypted_and_never_return_them() {
        var put = rig.call("PUT", "/credentials/openai/primary", owner, "{\"value\":\"sk-upstream-very-secret\"}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.body()).doesNotContain("sk-upstream-very-secret");
        var list = rig.get("/credentials", owner);
        assertThat(list.body()).doesNotContain("sk-upstream-very-secret");
        assertThat(list.json().path("data").findValuesAsText("name")).contains("primary");
        assertThat(rig.snapshot()).doesNotContain("sk-upstream-very-secret");
        assertThat(rig.s().credentials().reveal("openai", "primary").orElseThrow().value()).isEqualTo("sk-upstream-very-secret");
        assertThat(rig.call("DELETE", "/credentials/openai/primary", owner, null).status()).isEqualTo(204);
        assertThat(rig.call("DELETE", "/credentials/openai/primary", owner, null).status()).isEqualTo(404);
    }

    @Test
    void should_add_and_list_prices() {
        var p = rig.post("/prices", owner, "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"currency\":\"USD\",\"input_per_million\":2.5,"
                + "\"output_per_million\":10,\"cached_input_per_million\":1.25,\"effective_from\":\"2026-01-01T00:00:00Z\"}");
        assertThat(p.status()).as(p.toString()).isEqualTo(201);
        assertThat(p.json().path("input_per_million").decimalValue()).isEqualByComparingTo("2.5");
        var list = rig.get("/prices", owner);
        assertThat(list.json().path("data").findValuesAsText("model")).contains("gpt-4o");
    }

    @Test
    void should_put_get_and_delete_limits_of_a_customer_a_project_and_a_key() {
        String cus = newCustomer("Limits SA");
        String prj = rig.post("/customers/" + cus + "/projects", owner, "{\"name\":\"p\"}").json().path("id").asText();
        String key = rig.post("/customers/" + cus + "/keys", owner, "{}").json().path("id").asText();
        for (String base : new String[]{"/customers/" + cus, "/customers/" + cus + "/projects/" + prj, "/customers/" + cus + "/keys/" + key}) {
            assertThat(rig.get(base + "/limits", owner).status()).isEqualTo(404);
            var put = rig.call("PUT", base + "/limits", owner, "{\"requests_per_minute\":60,\"tokens_per_minute\":100000,"
                    + "\"budget_currency\":\"usd\",\"budget_day_nanos\":5000000000,\"budget_mode\":\"soft\"}");
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            JsonNode l = rig.get(base + "/limits", owner).json();
            assertThat(l.path("requests_per_minute").asInt()).isEqualTo(60);
            assertThat(l.path("budget_currency").asText()).isEqualTo("USD");
            assertThat(l.path("budget_mode").asText()).isEqualTo("soft");
            assertThat(l.path("concurrent_requests").isNull()).isTrue();
            assertThat(rig.call("DELETE", base + "/limits", owner, null).status()).isEqualTo(204);
            assertThat(rig.get(base + "/limits", owner).status()).isEqualTo(404);
        }
    }

    @Test
    void should_top_up_create_and_redeem_codes_and_show_balance_and_history() {
        String cus = newCustomer("Credits BV");
        assertThat(rig.get("/customers/" + cus + "/credits", owner).json().path("balance_nanos").asLong()).isZero();
        var top = rig.post("/customers/" + cus + "/credits/topups", owner, "{\"currency\":\"USD\",\"amount_nanos\":5000000000,\"reference\":\"invoice 7\"}");
        assertThat(top.status()).as(top.toString()).isEqualTo(200);
        assertThat(top.json().path("balance_nanos").asLong()).isEqualTo(5_000_000_000L);

        var codes = rig.post("/redemption-codes", owner, "{\"count\":2,\"currency\":\"USD\",\"amount_nanos\":1000000000}");
        assertThat(codes.status()).isEqualTo(201);
        assertThat(codes.json().path("codes")).hasSize(2);
        String code = codes.json().path("codes").get(0).asText();
        var redeemed = rig.post("/customers/" + cus + "/credits/redeem", owner, "{\"code\":\"" + code + "\"}");
        assertThat(redeemed.json().path("balance_nanos").asLong()).isEqualTo(6_000_000_000L);
        var again = rig.post("/customers/" + cus + "/credits/redeem", owner, "{\"code\":\"" + code + "\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("redemption_code_used");

        var history = rig.get("/customers/" + cus + "/credits/transactions?limit=10", owner);
        assertThat(history.json().path("data").findValuesAsText("kind")).containsExactlyInAnyOrder("topup", "redeem");
        assertThat(rig.get("/customers/" + cus + "/credits", owner).json().path("currency").asText()).isEqualTo("USD");
    }

    @Test
    void should_report_usage_totals_groups_series_and_csv_of_real_requests() throws Exception {
        String cus = newCustomer("Usage Oy");
        String key = rig.post("/customers/" + cus + "/keys", owner, "{}").json().path("secret").asText();
        assertThat(rig.chat(key, "gpt-4o").status()).isEqualTo(200);
        assertThat(rig.chat(key, "gpt-4o-mini").status()).isEqualTo(200);

        JsonNode totals = null;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15); System.nanoTime() < deadline; Thread.sleep(100)) {
            totals = rig.get("/usage?customer_id=" + cus, owner).json();
            if (totals.path("requests").asLong() == 2) break;
        }
        assertThat(totals.path("requests").asLong()).isEqualTo(2);
        assertThat(totals.path("input_tokens").asLong()).isPositive();

        var groups = rig.get("/usage/groups?customer_id=" + cus + "&group_by=model", owner).json();
        assertThat(groups.path("data").findValuesAsText("group")).containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini");
        var series = rig.get("/usage/series?customer_id=" + cus + "&bucket=hour", owner).json();
        assertThat(series.path("data")).hasSize(1);
        assertThat(series.path("data").get(0).path("requests").asLong()).isEqualTo(2);

        var csv = rig.get("/usage/export.csv?customer_id=" + cus, owner);
        assertThat(csv.header("content-type")).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).hasSize(3);
        assertThat(csv.body()).startsWith("time,request_id,customer_id");
    }

    @Test
    void should_answer_404_for_an_unknown_path_and_405_for_a_wrong_method() {
        var unknown = rig.get("/nothing-here", owner);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("not_found");
        var wrong = rig.call("DELETE", "/customers", owner, null);
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("allow")).contains("GET").contains("POST");
        assertThat(rig.get("/customers/cus_nope", owner).status()).isEqualTo(404);
    }
}
