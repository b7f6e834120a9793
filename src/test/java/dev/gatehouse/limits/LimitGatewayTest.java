package dev.gatehouse.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.simulator.Timing;
import dev.gatehouse.store.Blocking;
import dev.gatehouse.store.Database;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.gatehouse.limits.GatewayRig.KEY_ID;
import static dev.gatehouse.limits.GatewayRig.error;
import static dev.gatehouse.limits.GatewayRig.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every limit kind through a real gateway in front of the provider simulator. */
class LimitGatewayTest {
    private static final String DURATION = "^(\\d+ms|(\\d+h)?(\\d+m)?\\d+(\\.\\d+)?s)$";
    private static final Spend COST = new Spend(600, 4200);

    private static Vertx vertx;
    private static ProviderSimulator sim;

    private Database db;
    private Blocking blocking;
    private LimitStore limits;
    private CreditStore credits;
    private GatewayRig rig;
    private final List<BudgetAlert> alerts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSimulator() throws Exception {
        vertx = Vertx.vertx();
        // long natural replies, so that a max_tokens of 1500 is really used up unless a stop sequence ends it
        sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults().withReplyTokens(1500)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void openStore() {
        sim.reset();
        db = TestStores.fresh("h2");
        blocking = new Blocking();
        limits = new LimitStore(db);
        credits = new CreditStore(db);
    }

    @AfterEach
    void close() throws Exception {
        if (rig != null) rig.close();
        credits.close();
        blocking.close();
        db.close();
    }

    private void start(Limiter limiter, String customerId) throws Exception {
        LimitStage stage = new LimitStage(limits, limiter, SpendLedger.load(db, Clock.systemUTC()), credits.balances(), alerts::add, 64);
        rig = customerId == null ? GatewayRig.start(sim, List.of(stage))
                : GatewayRig.start(sim, List.of(new GatewayRig.AsCustomer(customerId, "prj_test"), new GatewayRig.FakeMetering(db, blocking, COST), stage));
    }

    @Test
    void should_refuse_the_request_over_the_requests_per_minute_limit_with_openai_headers() throws Exception {
        limits.put(Limits.none(ScopeRef.key(KEY_ID)).withRequestsPerMinute(3));
        start(new InProcessLimiter(), null);

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = rig.chat("");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(header(ok, "x-ratelimit-limit-requests")).isEqualTo("3");
            assertThat(header(ok, "x-ratelimit-remaining-requests")).isEqualTo(Integer.toString(2 - i));
            assertThat(header(ok, "x-ratelimit-reset-requests")).matches(DURATION);
            assertThat(header(ok, "x-ratelimit-limit-tokens")).as("no token limit, no token headers").isNull();
        }
        HttpResponse<String> refused = rig.chat("");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).path("code").asText()).isEqualTo("rate_limit_requests");
        assertThat(error(refused).path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error(refused).path("message").asText()).isEqualTo("key " + KEY_ID + "'s requests-per-minute limit (3) is reached");
        assertThat(Long.parseLong(header(refused, "retry-after"))).isBetween(1L, 20L);
        assertThat(header(refused, "x-ratelimit-limit-requests")).isEqualTo("3");
        assertThat(header(refused, "x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(header(refused, "x-ratelimit-reset-requests")).matches(DURATION);
        assertThat(sim.requests()).as("the refused request never went upstream").hasSize(3);
    }

    @Test
    void should_reserve_the_token_estimate_and_refund_what_the_response_did_not_use() throws Exception {
        limits.put(Limits.none(ScopeRef.key(KEY_ID)).withTokensPerMinute(2000L));
        start(new InProcessLimiter(), null);

        // max_tokens 1500 reserves ~1515 tokens, but the stop sequence ends the reply after a few.
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> small = rig.chat("\"max_tokens\":1500,\"stop\":[\"keeps\"]");
            assertThat(small.statusCode()).as("passes only if the first reservation was refunded").isEqualTo(200);
            assertThat(Json.MAPPER.readTree(small.body()).path("usage").path("completion_tokens").asLong()).isLessThan(40);
            assertThat(header(small, "x-ratelimit-limit-tokens")).isEqualTo("2000");
            assertThat(Long.parseLong(header(small, "x-ratelimit-remaining-tokens"))).as("the reservation is visible").isBetween(300L, 500L);
            assertThat(header(small, "x-ratelimit-reset-tokens")).matches(DURATION);
        }
        HttpResponse<String> full = rig.chat("\"max_tokens\":1500");
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(full.body()).path("usage").path("completion_tokens").asLong()).isEqualTo(1500);

        HttpResponse<String> refused = rig.chat("\"max_tokens\":1000");
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode e = error(refused);
        assertThat(e.path("code").asText()).isEqualTo("rate_limit_tokens");
        assertThat(e.path("message").asText()).startsWith("key " + KEY_ID + "'s tokens-per-minute limit (2000) is reached");
        assertThat(Long.parseLong(header(refused, "retry-after"))).isBetween(1L, 60L);
        assertThat(Long.parseLong(header(refused, "x-ratelimit-remaining-tokens"))).isLessThan(1000L);
        assertThat(header(refused, "x-ratelimit-reset-tokens")).matches(DURATION);
    }

    @Test
    void should_hold_concurrency_slots_while_requests_run_and_free_each_exactly_once() throws Exception {
        limits.put(Limits.none(ScopeRef.key(KEY_ID)).withConcurrentRequests(2));
        CountingLimiter limiter = new CountingLimiter(new InProcessLimiter());
        start(limiter, null);
        sim.timing(new Timing(700, 0, 0, 1));

        CompletableFuture<HttpResponse<String>> a = rig.chatAsync("");
        CompletableFuture<HttpResponse<String>> b = rig.chatAsync("");
        waitUntil(() -> sim.requests().size() == 2);
        HttpResponse<String> refused = rig.chat("");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).path("code").asText()).isEqualTo("concurrency_limit");
        assertThat(error(refused).path("message").asText()).isEqualTo("key " + KEY_ID + "'s concurrent-requests limit (2) is reached");
        assertThat(header(refused, "retry-after")).isEqualTo("1");
        assertThat(a.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(b.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        // an upstream failure and a client that hangs up each give their slot back too
        assertThat(rig.chatTo("broken").statusCode()).isEqualTo(502);
        assertThatThrownBy(() -> rig.chatGivingUpAfter(Duration.ofMillis(150)).get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        waitUntil(() -> limiter.slotsReleased.get() == 4);
        Thread.sleep(300);
        assertThat(limiter.slotsGranted.get()).isEqualTo(4);
        assertThat(limiter.slotsReleased.get()).as("released exactly once each").isEqualTo(4);

        CompletableFuture<HttpResponse<String>> c = rig.chatAsync("");
        CompletableFuture<HttpResponse<String>> d = rig.chatAsync("");
        assertThat(c.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(d.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void should_refuse_requests_once_a_hard_daily_budget_is_spent() throws Exception {
        String cus = TestStores.customer(db);
        limits.put(Limits.none(ScopeRef.customer(cus)).withBudget(Currency.USD, 1000L, null, BudgetMode.HARD));
        start(new InProcessLimiter(), cus);

        assertThat(rig.chat("").statusCode()).isEqualTo(200);
        assertThat(rig.chat("").statusCode()).as("600 of 1000 spent: still under").isEqualTo(200);
        HttpResponse<String> refused = rig.chat("");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error(refused).path("message").asText()).isEqualTo("customer " + cus + "'s day budget (0.000001 USD) is spent");
        assertThat(Long.parseLong(header(refused, "retry-after"))).as("until the next UTC day").isBetween(1L, 86_400L);
        assertThat(sim.requests()).hasSize(2);
        assertThat(alerts).isEmpty();
    }

    @Test
    void should_let_requests_pass_over_a_soft_budget_and_alert_once() throws Exception {
        String cus = TestStores.customer(db);
        limits.put(Limits.none(ScopeRef.project("prj_test")).withBudget(Currency.CNY, null, 5000L, BudgetMode.SOFT));
        start(new InProcessLimiter(), cus);

        assertThat(rig.chat("").statusCode()).isEqualTo(200);
        assertThat(alerts).isEmpty();
        for (int i = 0; i < 3; i++) assertThat(rig.chat("").statusCode()).isEqualTo(200);
        assertThat(alerts).hasSize(1);
        BudgetAlert alert = alerts.get(0);
        assertThat(alert.scope()).isEqualTo(ScopeRef.project("prj_test"));
        assertThat(alert.period()).isEqualTo(BudgetAlert.Period.MONTH);
        assertThat(alert.currency()).isEqualTo(Currency.CNY);
        assertThat(alert.budgetNanos()).isEqualTo(5000L);
        assertThat(alert.spentNanos()).isEqualTo(8400L);
    }

    @Test
    void should_refuse_a_customer_without_credit_and_serve_again_after_a_top_up() throws Exception {
        String cus = TestStores.customer(db);
        credits.topUp(cus, Currency.USD, 1000, "first");
        start(new InProcessLimiter(), cus);

        assertThat(rig.chat("").statusCode()).isEqualTo(200);
        assertThat(rig.chat("").statusCode()).as("400 left: one more request may overdraw").isEqualTo(200);
        // the charge lands when the request completes, just after the client has its answer
        waitUntil(() -> credits.balances().balance(cus).balanceNanos() == -200);
        HttpResponse<String> refused = rig.chat("");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).path("code").asText()).isEqualTo("insufficient_quota");
        assertThat(error(refused).path("message").asText()).contains(cus).contains("no prepaid credit left");

        credits.topUp(cus, Currency.USD, 1000, "second");
        assertThat(rig.chat("").statusCode()).isEqualTo(200);
        waitUntil(() -> credits.balances().balance(cus).balanceNanos() == 200);
        credits.balances().flush();
        assertThat(CreditStoreTest.stored(db, cus)).isEqualTo(200);
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 5s");
            Thread.sleep(10);
        }
    }
}
