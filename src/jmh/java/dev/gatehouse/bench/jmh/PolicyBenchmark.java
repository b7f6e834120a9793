package dev.gatehouse.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.policy.Candidate;
import dev.gatehouse.policy.Decision;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyEngine;
import dev.gatehouse.policy.PolicyHolder;
import dev.gatehouse.policy.RequestFacts;
import dev.gatehouse.policy.facts.CustomerFacts;
import dev.gatehouse.policy.facts.ScreeningState;
import dev.gatehouse.policy.pii.PromptScan;
import dev.gatehouse.providers.ProviderRegistry;
import dev.gatehouse.routing.RouteTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One request's policy decision with the default pack (PolicyEngine.decide, untraced, as the
 * request path calls it): the rules compiled once, the facts a request brings, the route's
 * deployments as candidates. Cases: a verified German enterprise on a US provider (every rule
 * evaluated, nothing excluded); an unverified individual in Shanghai on a route with a domestic
 * fallback (an exclusion narrows the route); a PRC resident's prompt with an ID number bound for
 * Singapore (the residency rule scans the 2-message prompt and redacts).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyBenchmark {
    private static final String CONFIG = """
            providers:
              openai: {type: openai, base_url: 'http://127.0.0.1:9/v1', api_key: k}
              qwen: {type: qwen, api_key: k}
              sg-vllm: {type: vllm, base_url: 'http://127.0.0.1:9/v1'}
            routes:
              gpt-4o: {deployments: [{provider: openai, model: gpt-4o}]}
              any-model:
                deployments:
                  - {provider: openai, model: gpt-4o, priority: 0}
                  - {provider: qwen, model: qwen-plus, priority: 1}
              assistant:
                deployments:
                  - {provider: sg-vllm, model: llama-3, priority: 0}
                  - {provider: qwen, model: qwen-plus, priority: 1}
            policy:
              providers:
                sg-vllm: {processing_region: SG}
            """;

    @Param({"allow", "narrowed", "redacted"})
    String request;

    private Policy policy;
    private CustomerFacts customer;
    private String clientCountry;
    private String route;
    private List<Candidate> candidates;
    private ObjectNode body;

    @Setup
    public void setup() {
        GatewayConfig config = new ConfigLoader(n -> null).parse(CONFIG, "benchmark");
        try (PolicyHolder holder = PolicyHolder.load(config, null, Clock.systemUTC())) {
            policy = holder.get();
        }
        RouteTable routes = RouteTable.build(config, new ProviderRegistry());
        String prompt = "Please summarise the attached meeting notes in three bullet points.";
        switch (request) {
            case "allow" -> {
                customer = customer(CustomerKind.ENTERPRISE, "DE", VerificationStatus.VERIFIED, false);
                clientCountry = "DE";
                route = "gpt-4o";
            }
            case "narrowed" -> {
                customer = customer(CustomerKind.INDIVIDUAL, "CN", VerificationStatus.UNVERIFIED, true);
                clientCountry = "CN";
                route = "any-model";
            }
            default -> {
                customer = customer(CustomerKind.ENTERPRISE, "CN", VerificationStatus.VERIFIED, true);
                clientCountry = "CN";
                route = "assistant";
                prompt = "我的身份证号是 11010519491231002X，请帮我填写这张表格。";
            }
        }
        candidates = policy.candidates(routes.find(route).deployments());
        body = Json.MAPPER.createObjectNode().put("model", route);
        body.putArray("messages").addObject().put("role", "system").put("content", "You are a helpful assistant.");
        ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("messages")).addObject().put("role", "user").put("content", prompt);
        Decision d = decide();
        boolean asMeant = d.allowed() && switch (request) {
            case "allow" -> d.remaining().size() == candidates.size() && d.redact().isEmpty();
            case "narrowed" -> d.remaining().size() < candidates.size();
            default -> !d.redact().isEmpty();
        };
        if (!asMeant) {
            throw new IllegalStateException("the " + request + " case decided " + d.code() + " " + d.trace());
        }
    }

    private static CustomerFacts customer(CustomerKind kind, String country, VerificationStatus kyc, boolean prcResident) {
        return new CustomerFacts("cus_bench", kind, country, CustomerStatus.ACTIVE, kyc, prcResident, !"US".equals(country),
                ScreeningState.CLEAR);
    }

    @Benchmark
    public Decision decide() {
        RequestFacts facts = new RequestFacts(customer, false, policy.homeRegion(), "key_bench", null, null, clientCountry, route,
                () -> PromptScan.scan(Operation.CHAT, body, policy.redactor()));
        return PolicyEngine.decide(policy, facts, candidates, false);
    }
}
