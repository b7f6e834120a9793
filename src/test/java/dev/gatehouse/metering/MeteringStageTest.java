package dev.gatehouse.metering;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Usage;
import dev.gatehouse.config.BreakerConfig;
import dev.gatehouse.config.RetryConfig;
import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.pipeline.Pipeline;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.providers.Provider;
import dev.gatehouse.routing.CircuitBreaker;
import dev.gatehouse.routing.Deployment;
import dev.gatehouse.routing.Route;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MeteringStageTest {
    private static final Caller CALLER = new Caller("key_1", "ci", "cus_1", "prj_1", null);
    private static final Deployment DEPLOYMENT = new Deployment(new Provider("openai", "openai", null, null), "gpt-4o-2024",
            1, 0, new CircuitBreaker(BreakerConfig.DEFAULTS), null);
    private static final Route ROUTE = new Route("gpt-4o", List.of(DEPLOYMENT), RetryConfig.DEFAULTS, null, "openai");

    @TempDir
    Path dir;

    private Database db;
    private PriceBook prices;
    private Journal journal;
    private MeteringStage stage;

    @BeforeEach
    void setUp() {
        db = StoreFixtures.h2();
        PriceStore store = new PriceStore(db);
        store.add("openai", "gpt-4o-2024", "USD", new BigDecimal("2.5"), new BigDecimal("10"), new BigDecimal("1.25"), Instant.EPOCH);
        prices = new PriceBook(store, 7.0);
        journal = Journal.open(dir, 5);
        stage = new MeteringStage(journal, prices);
    }

    @AfterEach
    void tearDown() {
        journal.close();
        prices.close();
        db.close();
    }

    @Test
    void should_record_a_finished_response_once_with_its_deployment_tokens_and_cost() throws Exception {
        RequestContext ctx = context("req_ok");
        ctx.caller(CALLER);
        ctx.route(ROUTE);
        ctx.servedBy(DEPLOYMENT);
        ctx.markFirstByte();
        ctx.succeeded(200, new Usage(1000, 200, 400, true));

        stage.beforeFinish(ctx).await(5, TimeUnit.SECONDS);
        stage.onComplete(ctx);

        UsageRecord r = only(journaled());
        assertThat(r.requestId()).isEqualTo("req_ok");
        assertThat(List.of(r.customerId(), r.projectId(), r.keyId(), r.route(), r.provider(), r.upstreamModel()))
                .containsExactly("cus_1", "prj_1", "key_1", "gpt-4o", "openai", "gpt-4o-2024");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.errorCode()).isNull();
        assertThat(List.of(r.inputTokens(), r.outputTokens(), r.cachedTokens())).containsExactly(1000L, 200L, 400L);
        assertThat(r.tokensReported()).isTrue();
        // 600 x 2.5 + 400 x 1.25 + 200 x 10 = 4000 per million USD = 4,000,000 nanos; x 7 CNY
        assertThat(r.costUsdNanos()).isEqualTo(4_000_000);
        assertThat(r.costCnyNanos()).isEqualTo(28_000_000);
        assertThat(r.priced()).isTrue();
        assertThat(r.ttfbMs()).isNotNull().isLessThanOrEqualTo(r.latencyMs());
        assertThat(r.time()).isBetween(Instant.now().minusSeconds(10), Instant.now());
    }

    @Test
    void should_record_a_request_refused_before_any_response_on_completion_with_zero_tokens() throws Exception {
        RequestContext ctx = context("req_404");
        ctx.caller(CALLER);
        ctx.failed(new GatewayException(ErrorCode.MODEL_NOT_FOUND, "no such model"), null);
        stage.onComplete(ctx);

        UsageRecord r = only(journaled());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("model_not_found");
        assertThat(List.of(r.inputTokens(), r.outputTokens(), r.costUsdNanos())).containsOnly(0L);
        assertThat(r.priced()).isFalse();
        assertThat(r.ttfbMs()).isNull();
    }

    @Test
    void should_not_record_requests_nobody_can_be_billed_for() throws Exception {
        RequestContext ctx = context("req_401");
        ctx.failed(new GatewayException(ErrorCode.INVALID_API_KEY, "bad key"), null);
        stage.onComplete(ctx);
        assertThat(journaled()).isEmpty();
    }

    @Test
    void should_let_the_response_go_when_the_journal_cannot_write() {
        journal.close();
        RequestContext ctx = context("req_lost");
        ctx.caller(CALLER);
        ctx.succeeded(200, new Usage(1, 1, 0, true));
        assertThat(stage.beforeFinish(ctx).succeeded()).isTrue();
    }

    private static RequestContext context(String id) {
        return new RequestContext(id, null, Operation.CHAT, new Pipeline(List.of()));
    }

    private List<UsageRecord> journaled() throws Exception {
        Thread.sleep(50); // an onComplete append is not awaited by anyone
        List<UsageRecord> out = new ArrayList<>();
        for (JournalSegment s : journal.seal()) out.addAll(s.read());
        return out;
    }

    private static UsageRecord only(List<UsageRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
