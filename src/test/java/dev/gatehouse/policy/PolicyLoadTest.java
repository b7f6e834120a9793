package dev.gatehouse.policy;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad policies are refused when loaded, with the line and the reason, and a reload that fails
 * leaves the previous policy in force.
 */
class PolicyLoadTest {

    /** Loads the policy from a config file, as the gateway does (errors name the file and line). */
    private static PolicyHolder load(String policyYaml) {
        try {
            Path file = Files.createTempFile("gatehouse", ".yaml");
            Files.writeString(file, PolicyWorld.PROVIDERS + policyYaml);
            return PolicyHolder.load(new ConfigLoader(n -> null).load(file), file, Clock.systemUTC());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The line of {@code marker} in the whole config text, as the error should name it. */
    private static int lineOf(String policyYaml, String marker) {
        String text = PolicyWorld.PROVIDERS + policyYaml;
        return text.substring(0, text.indexOf(marker)).split("\n", -1).length;
    }

    @Test
    void should_compile_the_default_pack_when_the_config_says_nothing() {
        try (PolicyHolder h = load("")) {
            assertThat(h.get().rules()).extracting(Rule::id).startsWith("embargo", "embargo_customer", "screening");
            assertThat(h.get().geo().enabled()).as("no geo database configured: geofencing off").isFalse();
        }
    }

    @Test
    void should_refuse_an_unknown_field_with_its_line() {
        String yaml = """
                policy:
                  rules:
                    - id: r1
                      wen: {client_country: [IR]}
                      then: deny
                """;
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown field 'wen'").hasMessageContaining("line " + lineOf(yaml, "      wen:"));
    }

    @Test
    void should_refuse_an_unknown_country_code_with_its_line() {
        String yaml = """
                policy:
                  rules:
                    - id: r1
                      when:
                        client_country: [IR, XX]
                      then: deny
                """;
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("'XX' is not an ISO 3166 country code")
                .hasMessageContaining("line " + lineOf(yaml, "client_country"))
                .hasMessageContaining("rule 'r1'");
    }

    @Test
    void should_refuse_a_rule_that_can_never_match() {
        String yaml = """
                policy:
                  rules:
                    - id: never
                      when: {kyc: [verified]}
                      unless: {kyc: [verified, rejected]}
                      then: deny
                    - id: nowhere
                      where: {processing_region: [JP]}
                      then: exclude
                    - id: empty
                      when: {customer_country: []}
                      then: deny
                """;
        assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(PolicyException.class, e -> {
            assertThat(e.problems()).hasSize(3);
            assertThat(e.problems().get(0)).contains("rule 'never'").contains("can never match")
                    .contains("line " + lineOf(yaml, "unless:"));
            assertThat(e.problems().get(1)).contains("rule 'nowhere'").contains("no configured provider has processing_region in [JP]");
            assertThat(e.problems().get(2)).contains("rule 'empty'").contains("lists no values");
        });
    }

    @Test
    void should_refuse_unknown_routes_providers_actions_and_misplaced_fields() {
        String yaml = """
                policy:
                  rules:
                    - id: r1
                      when: {route: [gpt-5]}
                      then: deny
                    - id: r2
                      where: {provider: [openai]}
                      then: deny
                    - id: r3
                      then: block
                    - id: R4
                      then: log_content
                    - id: r5
                      then: quota
                """;
        assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).contains("'gpt-5' is not a configured route"))
                .anySatisfy(p -> assertThat(p).contains("'where' picks deployments"))
                .anySatisfy(p -> assertThat(p).contains("'then' is one of"))
                .anySatisfy(p -> assertThat(p).contains("id of lower-case letters"))
                .anySatisfy(p -> assertThat(p).contains("needs 'quota:")));
    }

    @Test
    void should_let_an_operator_rule_replace_a_pack_rule_by_id_in_place() {
        try (PolicyHolder h = load("""
                policy:
                  rules:
                    - id: embargo
                      when: {client_country: [CU, IR, KP, SY, BY]}
                      then: deny
                    - id: extra
                      when: {client_country: [RU]}
                      then: deny
                """)) {
            assertThat(h.get().rules()).extracting(Rule::id).startsWith("embargo").endsWith("extra");
            assertThat(h.get().rules().getFirst().when().getFirst().values()).contains("BY");
            assertThat(h.get().rules()).filteredOn(r -> r.id().equals("embargo")).hasSize(1);
        }
    }

    @Test
    void should_keep_the_previous_policy_when_a_reload_fails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gatehouse.yaml");
        Files.writeString(file, PolicyWorld.PROVIDERS + """
                policy:
                  rules:
                    - id: no_russia
                      when: {client_country: [RU]}
                      then: deny
                """);
        try (PolicyHolder h = PolicyHolder.load(ConfigLoader.fromSystemEnvironment().load(file), file, Clock.systemUTC())) {
            Policy before = h.get();
            Files.writeString(file, PolicyWorld.PROVIDERS + """
                    policy:
                      rules:
                        - id: no_russia
                          when: {client_country: [RUS]}
                          then: deny
                    """);
            PolicyHolder.Reload r = h.reload();
            assertThat(r.ok()).isFalse();
            assertThat(r.problems()).singleElement().asString().contains("'RUS' is not an ISO 3166 country code").contains(file + " line ");
            assertThat(h.get()).as("the previous policy stays in force").isSameAs(before);

            Files.writeString(file, PolicyWorld.PROVIDERS + """
                    policy:
                      rules:
                        - id: no_belarus
                          when: {client_country: [BY]}
                          then: deny
                    """);
            assertThat(h.reload().ok()).isTrue();
            assertThat(h.get().rules()).extracting(Rule::id).contains("no_belarus").doesNotContain("no_russia");
        }
    }

    @Test
    void should_read_the_policy_from_a_file_of_its_own(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                packs: []
                rules:
                  - id: only_rule
                    when: {client_country: [KP]}
                    then: deny
                """);
        try (PolicyHolder h = load("policy: {file: '" + policy + "'}\n")) {
            assertThat(h.get().rules()).extracting(Rule::id).containsExactly("only_rule");
            assertThat(h.get().source()).isEqualTo(policy.toString());
            Files.writeString(policy, "packs: []\nrules:\n  - id: only_rule\n    when: {client_country: [KP]}\n    then: deny\n    colour: red\n");
            PolicyHolder.Reload r = h.reload();
            assertThat(r.problems()).singleElement().asString().contains("unknown field 'colour'").contains("line 6");
        }
    }
}
