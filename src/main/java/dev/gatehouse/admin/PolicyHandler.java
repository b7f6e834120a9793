package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import dev.gatehouse.policy.CountryCodes;
import dev.gatehouse.policy.Decision;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyEngine;
import dev.gatehouse.policy.PolicyHolder;
import dev.gatehouse.policy.RequestFacts;
import dev.gatehouse.policy.facts.CustomerFacts;
import dev.gatehouse.policy.facts.ScreeningState;
import dev.gatehouse.policy.pii.PromptScan;
import dev.gatehouse.routing.Route;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;

/**
 * The request policy for the operator's staff: what is in force, a reload from its file, and
 * the decision a hypothetical request would get, with the full trace.
 */
final class PolicyHandler {
    private static final Set<String> EXPLAIN_FIELDS = Set.of("model", "customer_id", "customer", "key_id", "project_id",
            "client_ip", "client_country", "messages", "input");
    private static final Set<String> CUSTOMER_FIELDS = Set.of("kind", "country", "kyc", "screening", "prc_resident", "foreign");

    private final Subsystems s;

    PolicyHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        b.add(HttpMethod.GET, "/policy", Access.OPERATOR_READ, this::status);
        b.add(HttpMethod.POST, "/policy/reload", Access.COMPLIANCE_WRITE, this::reload);
        b.add(HttpMethod.POST, "/policy/explain", Access.OPERATOR_READ, this::explain);
    }

    private Future<Reply> status(AdminRequest r) {
        return Future.succeededFuture(Reply.ok(PolicyViews.status(s.policy().get())));
    }

    private Future<Reply> reload(AdminRequest r) {
        return s.blocking().run(() -> {
            PolicyHolder.Reload result = s.policy().reload();
            if (result.ok()) return Reply.ok(PolicyViews.status(result.inForce()));
            ObjectNode body = Json.MAPPER.createObjectNode();
            ObjectNode error = body.putObject("error");
            error.put("message", "The policy was not reloaded; the previous policy stays in force. " + String.join(" ", result.problems()));
            error.put("type", "invalid_request_error");
            error.putNull("param");
            error.put("code", "policy_invalid");
            ArrayNode problems = body.putArray("problems");
            result.problems().forEach(problems::add);
            return Reply.json(422, body);
        });
    }

    private Future<Reply> explain(AdminRequest r) {
        Input in = r.input(EXPLAIN_FIELDS.toArray(String[]::new));
        Policy policy = s.policy().get();
        String model = in.text("model");
        Route route = s.routes() != null ? s.routes().find(model) : null;
        if (route == null) throw new GatewayException(ErrorCode.MODEL_NOT_FOUND, "No route is named '" + model + "'.", "model");
        String customerId = in.optText("customer_id");
        ObjectNode hypothetical = in.optObject("customer");
        String clientIp = in.optText("client_ip");
        InetAddress ip = clientIp != null ? literal(clientIp) : null;
        String clientCountry = in.optText("client_country");
        if (clientCountry != null) clientCountry = country(clientCountry, "client_country");
        else if (ip != null) clientCountry = policy.geo().country(ip);
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model);
        Operation op = Operation.CHAT;
        if (in.optArray("messages") != null) body.set("messages", in.optArray("messages"));
        else if (in.has("input")) {
            op = Operation.EMBEDDINGS;
            body.set("input", in.optNode("input"));
        }
        String keyId = in.optText("key_id");
        String projectId = in.optText("project_id");
        String country = clientCountry;
        Operation operation = op;
        Future<CustomerFacts> facts = customerId != null
                ? s.blocking().run(() -> s.customerFacts().load(customerId)
                        .orElseThrow(() -> AdminErrors.notFound("customer " + customerId)))
                : Future.succeededFuture(null);
        return facts.map(known -> {
            CustomerFacts customer = hypothetical != null ? hypothetical(known, customerId, hypothetical) : known;
            RequestFacts rf = new RequestFacts(customer, customer == null, policy.homeRegion(), keyId, projectId, ip,
                    country, route.name(), () -> PromptScan.scan(operation, body, policy.redactor()));
            Decision d = PolicyEngine.decide(policy, rf, policy.candidates(route.deployments()), true);
            return Reply.ok(PolicyViews.decision(policy, rf, route, d));
        });
    }

    /** Facts of a customer as the request states them, over the stored ones when {@code customer_id} is given too. */
    private static CustomerFacts hypothetical(CustomerFacts base, String id, ObjectNode o) {
        Input c = Input.of(o, CUSTOMER_FIELDS, "customer");
        CustomerKind kind = c.has("kind") ? CustomerKind.parse(c.text("kind")) : base != null ? base.kind() : CustomerKind.INDIVIDUAL;
        String country = c.has("country") ? country(c.text("country"), "customer.country") : base != null ? base.country() : null;
        VerificationStatus kyc = c.has("kyc") ? VerificationStatus.parse(c.text("kyc")) : base != null ? base.kyc() : VerificationStatus.UNVERIFIED;
        ScreeningState screening = base != null ? base.screening() : ScreeningState.CLEAR;
        if (c.has("screening")) {
            try {
                screening = ScreeningState.valueOf(c.text("screening").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw GatewayException.invalid("customer.screening is one of clear, review, hit.", "customer.screening");
            }
        }
        boolean prc = c.has("prc_resident") ? c.optBoolean("prc_resident") : base != null && base.prcResident();
        boolean foreign = c.has("foreign") ? c.optBoolean("foreign") : base != null ? base.foreign() : !"US".equals(country);
        return new CustomerFacts(id != null ? id : "hypothetical", kind, country, CustomerStatus.ACTIVE, kyc, prc, foreign, screening);
    }

    private static String country(String value, String field) {
        String c = value.toUpperCase(Locale.ROOT);
        if (!CountryCodes.valid(c)) throw GatewayException.invalid(field + " must be an ISO 3166 country code such as CN or DE.", field);
        return c;
    }

    /** An IP address written as one: never a name to resolve. */
    private static InetAddress literal(String ip) {
        InetAddress a = dev.gatehouse.policy.geo.IpLiteral.parse(ip);
        if (a == null) throw GatewayException.invalid("client_ip must be an IPv4 or IPv6 address.", "client_ip");
        return a;
    }
}
