package dev.gatehouse.limits;

import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.store.Blocking;
import dev.gatehouse.store.Database;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.gatehouse.limits.GatewayRig.KEY_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Spend and balances continue where they were when a new stage is built on the same database. */
class LimitRestartTest {
    private static final Spend COST = new Spend(600, 4200);
    private static Vertx vertx;
    private static ProviderSimulator sim;

    @BeforeAll
    static void startSimulator() throws Exception {
        vertx = Vertx.vertx();
        sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.limits.TestStores#kinds")
    void should_continue_budgets_and_balances_after_a_restart(String kind) throws Exception {
        try (Database db = TestStores.fresh(kind); Blocking blocking = new Blocking()) {
            String cus = TestStores.customer(db);
            new LimitStore(db).put(Limits.none(ScopeRef.customer(cus)).withBudget(Currency.USD, 1000L, null, BudgetMode.HARD));
            try (CreditStore credits = new CreditStore(db)) {
                credits.topUp(cus, Currency.USD, 5000, "prepaid");
                try (GatewayRig rig = rig(db, blocking, credits, cus)) {
                    assertThat(rig.chat("").statusCode()).isEqualTo(200);
                    assertThat(rig.chat("").statusCode()).isEqualTo(200);
                    assertThat(rig.chat("").statusCode()).isEqualTo(429);
                }
            } // closing writes the queued charges

            try (CreditStore credits = new CreditStore(db)) {
                SpendLedger ledger = SpendLedger.load(db, Clock.systemUTC());
                assertThat(ledger.today(ScopeRef.customer(cus))).isEqualTo(new Spend(1200, 8400));
                assertThat(ledger.thisMonth(ScopeRef.project("prj_test"))).isEqualTo(new Spend(1200, 8400));
                assertThat(ledger.today(ScopeRef.key(KEY_ID))).isEqualTo(new Spend(1200, 8400));
                assertThat(credits.balances().balance(cus).balanceNanos()).isEqualTo(3800);
                assertThat(CreditStoreTest.stored(db, cus)).isEqualTo(3800);

                LimitStore limits = new LimitStore(db);
                try (GatewayRig rig = rig(db, blocking, credits, cus, limits)) {
                    HttpResponse<String> refused = rig.chat("");
                    assertThat(refused.statusCode()).as("the day's spend survived the restart").isEqualTo(429);
                    assertThat(GatewayRig.error(refused).path("code").asText()).isEqualTo("budget_exceeded");

                    limits.put(Limits.none(ScopeRef.customer(cus)).withBudget(Currency.USD, 10_000L, null, BudgetMode.HARD));
                    assertThat(rig.chat("").statusCode()).isEqualTo(200);
                    LimitGatewayTest.waitUntil(() -> credits.balances().balance(cus).balanceNanos() == 3200);
                }
            }
        }
    }

    private static GatewayRig rig(Database db, Blocking blocking, CreditStore credits, String cus) throws Exception {
        return rig(db, blocking, credits, cus, new LimitStore(db));
    }

    private static GatewayRig rig(Database db, Blocking blocking, CreditStore credits, String cus, LimitStore limits) throws Exception {
        LimitStage stage = new LimitStage(limits, new InProcessLimiter(), SpendLedger.load(db, Clock.systemUTC()), credits.balances(),
                AlertSink.NONE, LimitStage.DEFAULT_COMPLETION_ESTIMATE);
        return GatewayRig.start(sim, List.of(new GatewayRig.AsCustomer(cus, "prj_test"), new GatewayRig.FakeMetering(db, blocking, COST), stage));
    }
}
