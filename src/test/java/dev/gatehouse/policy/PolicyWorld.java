package dev.gatehouse.policy;

import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.policy.facts.CustomerFacts;
import dev.gatehouse.policy.facts.ScreeningState;
import dev.gatehouse.policy.pii.PromptScan;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import dev.gatehouse.providers.ProviderRegistry;
import dev.gatehouse.routing.RouteTable;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;

/**
 * A gateway's providers and routes as a policy sees them (no server): OpenAI (US), Azure OpenAI
 * in China, Qwen (mainland China), and a self-hosted model in Singapore, with the default pack
 * plus whatever rules a test adds. Used by the table-driven decision tests.
 */
final class PolicyWorld {
    static final String PROVIDERS = """
            providers:
              openai: {type: openai, base_url: 'http://127.0.0.1:9/v1', api_key: k}
              azure-cn: {type: azure, endpoint: 'https://example.openai.azure.cn', api_key: k}
              qwen: {type: qwen, api_key: k}
              sg-vllm: {type: vllm, base_url: 'http://127.0.0.1:9/v1'}
            routes:
              gpt-4o: {deployments: [{provider: openai, model: gpt-4o}]}
              gpt-4o-cn: {deployments: [{provider: azure-cn, model: gpt-4o}]}
              qwen-plus: {deployments: [{provider: qwen, model: qwen-plus}]}
              assistant:
                deployments:
                  - {provider: sg-vllm, model: llama-3, priority: 0}
                  - {provider: qwen, model: qwen-plus, priority: 1}
              any-model:
                deployments:
                  - {provider: openai, model: gpt-4o, priority: 0}
                  - {provider: qwen, model: qwen-plus, priority: 1}
            """;

    final GatewayConfig config;
    final Policy policy;
    final RouteTable routes;

    PolicyWorld(String policyYaml) {
        config = new ConfigLoader(n -> null).parse(PROVIDERS + policyYaml, "test");
        try (PolicyHolder holder = PolicyHolder.load(config, null, Clock.systemUTC())) {
            policy = holder.get();
        }
        routes = RouteTable.build(config, new ProviderRegistry());
    }

    static PolicyWorld withDefaultPack() {
        return new PolicyWorld("""
                policy:
                  providers:
                    sg-vllm: {processing_region: SG}
                """);
    }

    static CustomerFacts customer(CustomerKind kind, String country, VerificationStatus kyc, boolean prcResident) {
        return new CustomerFacts("cus_test", kind, country, CustomerStatus.ACTIVE, kyc, prcResident, !"US".equals(country),
                ScreeningState.CLEAR);
    }

    Decision decide(CustomerFacts customer, String clientCountry, String route, String prompt) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", route);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        RequestFacts f = new RequestFacts(customer, customer == null, policy.homeRegion(), "key_test", null, null, clientCountry,
                route, () -> PromptScan.scan(Operation.CHAT, body, policy.redactor()));
        return PolicyEngine.decide(policy, f, policy.candidates(routes.find(route).deployments()), true);
    }
}
