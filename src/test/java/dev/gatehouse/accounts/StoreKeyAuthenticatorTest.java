package dev.gatehouse.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.OpenAiErrors;
import dev.gatehouse.api.Operation;
import dev.gatehouse.auth.ConfigKeyAuthenticator;
import dev.gatehouse.config.ApiKeyConfig;
import dev.gatehouse.config.Secret;
import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.Pipeline;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.routing.Route;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreFixtures;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The stage behind a real HTTP server on 127.0.0.1 that runs it the way the gateway does. */
class StoreKeyAuthenticatorTest {
    private final MutableClock clock = MutableClock.systemNow();
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private Database db;
    private Accounts accounts;
    private Customer acme;
    private LastUsedRecorder lastUsed;
    private int port;

    record Answer(int status, JsonNode body) {
        String code() { return body.path("error").path("code").asText(); }
        String message() { return body.path("error").path("message").asText(); }
    }

    @BeforeEach
    void start() throws Exception {
        db = StoreFixtures.h2();
        accounts = Accounts.over(db, clock);
        acme = accounts.customer("Acme");
        lastUsed = new LastUsedRecorder(accounts.keys(), clock);
        GatewayStage chained = new StoreKeyAuthenticator(accounts.directory(), lastUsed,
                new ConfigKeyAuthenticator(List.of(new ApiKeyConfig("from-config", new Secret("cfg-key-1")))));
        Pipeline pipeline = new Pipeline(List.of(chained));
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> handle(req, pipeline));
        port = server.listen(0, "127.0.0.1").await().actualPort();
    }

    /** What the gateway does with a stage: headers, then the route, then beforeForward; errors as OpenAI bodies. */
    private static void handle(HttpServerRequest req, Pipeline pipeline) {
        RequestContext ctx = new RequestContext("req-1", req, Operation.CHAT, pipeline);
        try {
            pipeline.onHeaders(ctx);
        } catch (GatewayException e) {
            fail(req, e);
            return;
        }
        ctx.route(new Route(req.getParam("model"), List.of(), null, null, null));
        pipeline.beforeForward(ctx).onComplete(ar -> {
            if (ar.failed()) {
                fail(req, (GatewayException) ar.cause());
                return;
            }
            Caller c = ctx.caller();
            req.response().end(Json.MAPPER.createObjectNode().put("key", c.keyId()).put("customer", c.customerId())
                    .put("project", c.projectId()).toString());
        });
    }

    private static void fail(HttpServerRequest req, GatewayException e) {
        req.response().setStatusCode(e.status()).end(OpenAiErrors.body(e));
    }

    @AfterEach
    void stop() {
        vertx.close().await();
        lastUsed.close();
        accounts.close();
        db.close();
    }

    private Answer call(String header, String value, String model) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions?model=" + model))
                .timeout(Duration.ofSeconds(10));
        if (header != null) b.header(header, value);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), Json.MAPPER.readTree(r.body()));
    }

    private Answer bearer(String key, String model) throws Exception {
        return call("Authorization", "Bearer " + key, model);
    }

    @Test
    void should_let_a_store_key_in_by_bearer_or_api_key_header_as_its_customer_and_project() throws Exception {
        Project p = accounts.projects().create(acme.id(), "bot");
        CreatedKey k = accounts.keys().create(NewApiKey.client("ci", acme.id(), p.id(), null, null));
        Answer a = bearer(k.secret().value(), "gpt-4o");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("key").asText()).isEqualTo(k.key().id());
        assertThat(a.body().path("customer").asText()).isEqualTo(acme.id());
        assertThat(a.body().path("project").asText()).isEqualTo(p.id());
        assertThat(call("api-key", k.secret().value(), "gpt-4o").status()).isEqualTo(200);
        lastUsed.flush();
        assertThat(accounts.keys().get(k.key().id()).orElseThrow().lastUsedAt()).isNotNull();
    }

    @Test
    void should_fall_through_to_config_keys_and_refuse_keys_nobody_knows() throws Exception {
        Answer config = bearer("cfg-key-1", "gpt-4o");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body().path("customer").isNull()).isTrue();
        Answer unknown = bearer("gh-aaaaaaaa-" + "b".repeat(32), "gpt-4o");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.code()).isEqualTo("invalid_api_key");
        Answer none = call(null, null, "gpt-4o");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.message()).startsWith("You didn't provide an API key");
    }

    @Test
    void should_refuse_revoked_and_expired_keys_saying_which() throws Exception {
        CreatedKey revoked = accounts.keys().create(NewApiKey.client("r", acme.id(), null, null, null));
        accounts.keys().revoke(acme.id(), revoked.key().id());
        Answer r = bearer(revoked.secret().value(), "gpt-4o");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("invalid_api_key");
        assertThat(r.message()).isEqualTo("This API key has been revoked.");

        CreatedKey expiring = accounts.keys().create(NewApiKey.client("e", acme.id(), null, null, clock.instant().plusSeconds(10)));
        assertThat(bearer(expiring.secret().value(), "gpt-4o").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(11));
        Answer e = bearer(expiring.secret().value(), "gpt-4o");
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.message()).isEqualTo("This API key expired at " + expiring.key().expiresAt() + ".");
    }

    @Test
    void should_refuse_keys_of_suspended_or_closed_customers_with_403() throws Exception {
        String key = accounts.keys().create(NewApiKey.client("ci", acme.id(), null, null, null)).secret().value();
        accounts.customers().changeStatus(acme.id(), CustomerStatus.SUSPENDED);
        Answer s = bearer(key, "gpt-4o");
        assertThat(s.status()).isEqualTo(403);
        assertThat(s.code()).isEqualTo("account_suspended");
        assertThat(s.body().path("error").path("type").asText()).isEqualTo("permission_error");
        accounts.customers().changeStatus(acme.id(), CustomerStatus.CLOSED);
        Answer c = bearer(key, "gpt-4o");
        assertThat(c.status()).isEqualTo(403);
        assertThat(c.code()).isEqualTo("account_closed");
    }

    @Test
    void should_hold_a_key_to_its_models() throws Exception {
        String key = accounts.keys().create(NewApiKey.client("ci", acme.id(), null, Set.of("gpt-4o-mini"), null)).secret().value();
        assertThat(bearer(key, "gpt-4o-mini").status()).isEqualTo(200);
        Answer denied = bearer(key, "gpt-4o");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("model_not_allowed");
        assertThat(denied.message()).isEqualTo("This API key may not use the model 'gpt-4o'.");
        assertThat(denied.body().path("error").path("param").asText()).isEqualTo("model");
    }

    @Test
    void should_not_let_an_admin_key_call_the_model_api() throws Exception {
        String key = accounts.keys().create(NewApiKey.admin("ops", null, Role.ADMIN)).secret().value();
        Answer a = bearer(key, "gpt-4o");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.message()).contains("admin key");
    }
}
