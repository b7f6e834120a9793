package dev.gatehouse.policy;

import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import dev.gatehouse.policy.facts.CustomerFacts;
import dev.gatehouse.policy.facts.ScreeningState;
import dev.gatehouse.accounts.CustomerStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.gatehouse.accounts.CustomerKind.ENTERPRISE;
import static dev.gatehouse.accounts.CustomerKind.INDIVIDUAL;
import static dev.gatehouse.compliance.kyc.VerificationStatus.UNVERIFIED;
import static dev.gatehouse.compliance.kyc.VerificationStatus.VERIFIED;
import static dev.gatehouse.policy.PolicyWorld.customer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default policy pack over realistic callers: each case states who calls, from where, for
 * which route, with what in the prompt, and the decision and rule a compliance officer expects.
 */
class PolicyDecisionTableTest {
    private static final PolicyWorld WORLD = PolicyWorld.withDefaultPack();
    /** A valid PRC resident ID number (the ISO 7064 MOD 11-2 check digit is right). */
    static final String ID_NUMBER = "11010519491231002X";

    record Case(String name, CustomerFacts customer, String clientCountry, String route, String prompt,
                String code, List<String> remaining, List<String> redact) {
        @Override
        public String toString() { return name; }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a verified Chinese enterprise calls the Azure China route",
                        customer(ENTERPRISE, "CN", VERIFIED, true), "CN", "gpt-4o-cn", "hello",
                        "allow", List.of("azure-cn/gpt-4o"), List.of()),
                new Case("a verified Chinese individual may not use Azure China (enterprises only)",
                        customer(INDIVIDUAL, "CN", VERIFIED, true), "CN", "gpt-4o-cn", "hello",
                        "policy.enterprise_tier", List.of(), List.of()),
                new Case("an unverified Chinese enterprise may not use Azure China yet",
                        customer(ENTERPRISE, "CN", UNVERIFIED, true), "CN", "gpt-4o-cn", "hello",
                        "policy.enterprise_tier", List.of(), List.of()),
                new Case("an unverified individual in Shanghai asks for an OpenAI-hosted model",
                        customer(INDIVIDUAL, "CN", UNVERIFIED, true), "CN", "gpt-4o", "hello",
                        "policy.provider_region", List.of(), List.of()),
                new Case("the same individual on a route with a domestic fallback is narrowed to it",
                        customer(INDIVIDUAL, "CN", UNVERIFIED, true), "CN", "any-model", "hello",
                        "allow", List.of("qwen/qwen-plus"), List.of()),
                new Case("a German customer with a client IP in Iran",
                        customer(ENTERPRISE, "DE", VERIFIED, false), "IR", "gpt-4o", "hello",
                        "policy.embargo", List.of(), List.of()),
                new Case("a German customer from Germany uses OpenAI",
                        customer(ENTERPRISE, "DE", VERIFIED, false), "DE", "gpt-4o", "hello",
                        "allow", List.of("openai/gpt-4o"), List.of()),
                new Case("an unverified German individual is kept off providers abroad",
                        customer(INDIVIDUAL, "DE", UNVERIFIED, false), "DE", "gpt-4o", "hello",
                        "policy.kyc_unverified", List.of(), List.of()),
                new Case("an unverified US individual may use a US provider (under the low quota)",
                        customer(INDIVIDUAL, "US", UNVERIFIED, false), "US", "gpt-4o", "hello",
                        "allow", List.of("openai/gpt-4o"), List.of()),
                new Case("a customer established in North Korea",
                        customer(ENTERPRISE, "KP", VERIFIED, false), "CN", "qwen-plus", "hello",
                        "policy.embargo_customer", List.of(), List.of()),
                new Case("a PRC resident's ID number bound for Singapore is redacted",
                        customer(ENTERPRISE, "CN", VERIFIED, true), "CN", "assistant", "我的身份证号是 " + ID_NUMBER + "，请帮我填表",
                        "allow", List.of("sg-vllm/llama-3", "qwen/qwen-plus"), List.of("id_number")),
                new Case("a PRC resident's prompt without personal data goes as is",
                        customer(ENTERPRISE, "CN", VERIFIED, true), "CN", "assistant", "写一首关于秋天的诗",
                        "allow", List.of("sg-vllm/llama-3", "qwen/qwen-plus"), List.of()),
                new Case("a non-resident's ID number is not the residency rule's concern (and mainland Qwen serves no one in Singapore)",
                        customer(ENTERPRISE, "SG", VERIFIED, false), "SG", "assistant", "ID " + ID_NUMBER,
                        "allow", List.of("sg-vllm/llama-3"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void should_decide_as_a_compliance_officer_expects(Case c) {
        Decision d = WORLD.decide(c.customer(), c.clientCountry(), c.route(), c.prompt());

        assertThat(d.code()).as(d.trace().toString()).isEqualTo(c.code());
        if (d.allowed()) {
            assertThat(d.remaining()).extracting(Candidate::label).containsExactlyElementsOf(c.remaining());
            assertThat(d.redact()).extracting(k -> k.name().toLowerCase()).containsExactlyInAnyOrderElementsOf(c.redact());
        } else {
            assertThat(d.message()).as("a denial explains itself").isNotBlank().doesNotContain("null");
            assertThat(d.trace()).last().satisfies(t -> assertThat(t.rule()).isEqualTo(d.deniedBy().id()));
        }
    }

    @org.junit.jupiter.api.Test
    void should_refuse_a_customer_with_a_screening_hit_everywhere() {
        CustomerFacts hit = new CustomerFacts("cus_hit", ENTERPRISE, "CN", CustomerStatus.ACTIVE, VERIFIED, true, true, ScreeningState.HIT);
        for (String route : List.of("gpt-4o-cn", "qwen-plus", "assistant")) {
            assertThat(WORLD.decide(hit, "CN", route, "hi").code()).isEqualTo("policy.screening");
        }
    }

    @org.junit.jupiter.api.Test
    void should_treat_a_config_file_key_as_the_operator_a_verified_enterprise() {
        Decision d = WORLD.decide(null, null, "gpt-4o-cn", "hello");
        assertThat(d.allowed()).as(d.trace().toString()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void should_not_scan_the_prompt_when_no_rule_needs_it() {
        CustomerFacts german = customer(CustomerKind.ENTERPRISE, "DE", VerificationStatus.VERIFIED, false);
        boolean[] scanned = {false};
        RequestFacts f = new RequestFacts(german, false, null, "k", null, null, "DE", "gpt-4o", () -> {
            scanned[0] = true;
            return List.of();
        });
        PolicyEngine.decide(WORLD.policy, f, WORLD.policy.candidates(WORLD.routes.find("gpt-4o").deployments()), false);
        assertThat(scanned[0]).as("only PRC residents' prompts are scanned by the default pack").isFalse();
    }
}
