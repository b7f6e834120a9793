package dev.gatehouse.admin;

import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.OpenAiErrors;
import dev.gatehouse.compliance.kyc.AccessIpRecorder;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The admin API, {@code /admin/v1/...}, on the gateway's own HTTP server. Per call: match the
 * route (404, 405), read the body, authenticate, check the role and, for paths under
 * {@code /customers/{customer_id}}, that the principal may see that customer and that it exists
 * (a customer-scoped principal asking for another customer gets 404, never 403, so existence
 * does not leak). Then the endpoint runs; its store calls run off the event loop.
 * Shared by every event loop: the router is immutable and the sessions map concurrent.
 */
public final class AdminHandler implements Handler<HttpServerRequest> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AdminHandler.class);
    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final Subsystems subsystems;
    private final Authenticator authenticator;
    private final Router router;

    public AdminHandler(Subsystems subsystems) {
        this(subsystems, new Sessions(Clock.systemUTC()));
    }

    AdminHandler(Subsystems subsystems, Sessions sessions) {
        this.subsystems = subsystems;
        this.authenticator = new Authenticator(subsystems, sessions);
        this.router = routes(subsystems, sessions);
    }

    /** Every route of the API; the OpenAPI document must describe exactly these. */
    static Router routes(Subsystems s, Sessions sessions) {
        Router.Builder b = new Router.Builder();
        new OpenApiHandler().routes(b);
        new SessionHandler(s, sessions).routes(b);
        new CustomersHandler(s).routes(b);
        new ProjectsHandler(s).routes(b);
        new UsersHandler(s, sessions).routes(b);
        new KeysHandler(s).routes(b);
        new CredentialsHandler(s).routes(b);
        new PricesHandler(s).routes(b);
        new LimitsHandler(s).routes(b);
        new CreditsHandler(s).routes(b);
        new UsageHandler(s).routes(b);
        new KycHandler(s).routes(b);
        new PolicyHandler(s).routes(b);
        new ReportsHandler(s).routes(b);
        return b.build();
    }

    List<Router.Route> routes() { return router.routes(); }

    @Override
    public void handle(HttpServerRequest http) {
        http.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store"); // answers may carry secrets shown once
        switch (router.match(http.method(), http.path())) {
            case Router.Match.NoPath n -> fail(http, new GatewayException(ErrorCode.NOT_FOUND, "Unknown admin API URL: "
                    + http.method() + " " + http.path() + ". The API is described at " + Router.BASE + "/openapi.json."));
            case Router.Match.WrongMethod w -> {
                String allowed = w.allowed().stream().map(HttpMethod::name).collect(Collectors.joining(", "));
                http.response().putHeader("allow", allowed);
                fail(http, new GatewayException(ErrorCode.METHOD_NOT_ALLOWED,
                        "Method " + http.method() + " is not allowed on " + http.path() + "; use " + allowed + "."));
            }
            case Router.Match.Found f -> serve(http, f);
        }
    }

    private void serve(HttpServerRequest http, Router.Match.Found found) {
        Router.Route route = found.route();
        readBody(http)
                .compose(body -> principal(http, route)
                        .compose(p -> checkCustomer(p, found))
                        .map(p -> noteAddress(p, http))
                        .compose(p -> route.endpoint().handle(new AdminRequest(p, found.params(), http.params(), body, http))
                                .compose(reply -> audited(p, found, reply))))
                .onSuccess(reply -> write(http, reply))
                .onFailure(t -> fail(http, AdminErrors.map(t)));
    }

    /**
     * Every change made through the API goes into the audit trail before its answer: who, which
     * endpoint, on what. Request bodies are not recorded (they may carry passwords and keys).
     */
    private Future<Reply> audited(Principal p, Router.Match.Found found, Reply reply) {
        Router.Route route = found.route();
        if (route.method() == HttpMethod.GET || p == null) return Future.succeededFuture(reply);
        String actor = p.actor();
        String action = route.method().name() + " " + Router.BASE + route.pattern();
        String subject = new java.util.TreeMap<>(found.params()).toString();
        return subsystems.blocking().run(() -> subsystems.audit().append(AuditEntry.of(AuditCategory.ADMIN, actor, action, subject)))
                .map(recorded -> reply)
                .recover(e -> {
                    log.error("could not write the audit entry of {} by {}: {}", action, actor, e.toString());
                    return Future.succeededFuture(reply);
                });
    }

    /** A customer's own keys and users administer its account from these addresses: they go into its CIP record. */
    private Principal noteAddress(Principal p, HttpServerRequest http) {
        if (p != null && p.customerId() != null) {
            subsystems.accessIps().note(p.customerId(), http, AccessIpRecorder.ADMIN);
        }
        return p;
    }

    private Future<Principal> principal(HttpServerRequest http, Router.Route route) {
        if (route.access() == Access.PUBLIC) return Future.succeededFuture(null);
        return authenticator.authenticate(http).compose(p -> {
            if (route.access().operatorOnly() && !p.operator()) {
                return Future.failedFuture(AdminErrors.forbidden("Only the gateway operator's staff may call " + route.method() + " " + Router.BASE + route.pattern() + "."));
            }
            if (!route.access().allowsRole(p)) {
                return Future.failedFuture(AdminErrors.forbidden(route.access().refusal(p)));
            }
            return Future.succeededFuture(p);
        });
    }

    /** Isolation for every path under a customer: another customer's id is 404, as is an id that does not exist. */
    private Future<Principal> checkCustomer(Principal p, Router.Match.Found found) {
        String customerId = found.params().get("customer_id");
        if (customerId == null || p == null) return Future.succeededFuture(p);
        if (!p.sees(customerId)) return Future.failedFuture(AdminErrors.notFound("customer " + customerId));
        return subsystems.blocking().run(() -> subsystems.customers().get(customerId)).compose(c -> c.isPresent()
                ? Future.succeededFuture(p) : Future.failedFuture(AdminErrors.notFound("customer " + customerId)));
    }

    private static Future<Buffer> readBody(HttpServerRequest http) {
        String declared = http.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > MAX_BODY_BYTES) return Future.failedFuture(tooLarge());
            } catch (NumberFormatException e) {
                return Future.failedFuture(GatewayException.invalid("Invalid Content-Length header.", null));
            }
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        http.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY_BYTES) promise.tryFail(tooLarge());
            else if (!promise.future().isComplete()) body.appendBuffer(chunk);
        });
        http.endHandler(v -> promise.tryComplete(body));
        http.exceptionHandler(promise::tryFail);
        return promise.future();
    }

    private static GatewayException tooLarge() {
        return new GatewayException(ErrorCode.BODY_TOO_LARGE, "The request body is larger than the admin API accepts (" + MAX_BODY_BYTES + " bytes).");
    }

    private static void write(HttpServerRequest http, Reply reply) {
        HttpServerResponse response = http.response();
        if (response.ended()) return;
        reply.cookies().forEach(response::addCookie);
        response.setStatusCode(reply.status());
        if (reply.body() == null) {
            response.end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType()).end(reply.body());
        }
    }

    private static void fail(HttpServerRequest http, GatewayException e) {
        HttpServerResponse response = http.response();
        if (response.ended() || response.headWritten()) return;
        response.setStatusCode(e.status()).putHeader(HttpHeaders.CONTENT_TYPE, Reply.JSON).end(OpenAiErrors.body(e));
    }
}
