package dev.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.NewApiKey;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.api.Json;
import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.compliance.kyc.CipDetails;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.Subsystems;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.RecordedRequest;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.TempDirs;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy on a real gateway in front of the provider simulator: a denied request never reaches
 * the upstream (the simulator records everything it receives), a PRC resident's ID number reaches
 * a deployment abroad redacted, a customer's own residency rule takes effect on reload, a bad
 * reload keeps the policy in force, and the explain endpoint gives the same decision with its trace.
 */
class PolicyOnGatewayTest {
    static final String IRAN = "2.176.0.1";
    static final String SHANGHAI = "101.226.0.1";
    static final String GERMANY = "46.4.0.1";

    private static Vertx vertx;
    private static ProviderSimulator sim;
    private static Gateway gw;
    private static Path configFile;
    private static String admin;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).await();
        Path dir = TempDirs.create("policy-it");
        configFile = dir.resolve("gatehouse.yaml");
        writeConfig("");
        var config = ConfigLoader.fromSystemEnvironment().load(configFile).withPort(0)
                .withData("jdbc:h2:mem:policy-" + System.nanoTime(), dir.toString());
        gw = Gateway.start(config, configFile, List.of()).await();
        admin = gw.subsystems().keys().create(NewApiKey.admin("owner", null, Role.OWNER)).secret().value();
    }

    /** The gateway's config with {@code extraRules} appended to the policy's own rules. */
    static void writeConfig(String extraRules) throws Exception {
        String base = "http://127.0.0.1:" + sim.port();
        Files.writeString(configFile, """
                server: {host: 127.0.0.1, port: 0, event_loops: 1}
                defaults: {retry: {max_retries: 0}}
                providers:
                  openai: {type: openai, base_url: '%1$s/v1', api_key: sim-key}
                  qwen: {type: qwen, base_url: '%1$s/v1', api_key: sim-key}
                  sg-vllm: {type: vllm, base_url: '%1$s/v1', api_key: sim-key}
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
                  echo: {deployments: [{provider: sg-vllm, model: echo-1}]}
                  qwen-plus: {deployments: [{provider: qwen, model: qwen-plus}]}
                audit: {log_request_decisions: true}
                policy:
                  geo_database: ../shared/data/geo/geo-whois-asn-country.mmdb
                  trusted_proxies: [127.0.0.1]
                  providers:
                    sg-vllm: {processing_region: SG}
                  personal_data: {scan_responses: true}
                  rules:
                %2$s
                """.formatted(base, extraRules.isEmpty() ? "    []" : extraRules).replace("  rules:\n    []", "  rules: []"));
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close().await();
        if (vertx != null) vertx.close().await();
    }

    @BeforeEach
    void clear() { sim.clearRequests(); }

    @Test
    void should_refuse_a_german_customer_calling_from_iran_and_forward_nothing() throws Exception {
        String key = customerKey("Berlin Analytics GmbH", CustomerKind.ENTERPRISE, "DE", false, true);

        HttpResponse<String> r = chat(key, "gpt-4o", "Hello", IRAN);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        JsonNode error = Json.MAPPER.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("policy.embargo");
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("message").asText()).contains("client_country IR");
        assertThat(sim.requests()).as("a denied request never reaches the upstream").isEmpty();
        assertThat(chat(key, "gpt-4o", "Hello", GERMANY).statusCode()).as("the same key from Germany").isEqualTo(200);

        GatewayHarness.await("the denial in the audit trail", Duration.ofSeconds(5), () -> denials().stream()
                .anyMatch(d -> d.code().equals("policy.embargo") && "IR".equals(d.clientCountry())));
    }

    @Test
    void should_keep_an_unverified_individual_in_shanghai_off_openai_and_narrow_to_the_domestic_deployment() throws Exception {
        String key = customerKey("Li Wei", CustomerKind.INDIVIDUAL, "CN", true, false);

        HttpResponse<String> refused = chat(key, "gpt-4o", "Hello", SHANGHAI);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("policy.provider_region");
        assertThat(sim.requests()).isEmpty();

        HttpResponse<String> narrowed = chat(key, "any-model", "Hello", SHANGHAI);
        assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
        assertThat(sim.requests()).singleElement().satisfies(req -> assertThat(req.body()).contains("\"qwen-plus\""));
    }

    @Test
    void should_redact_a_prc_residents_id_number_bound_abroad_and_apply_the_customers_own_rules_on_reload() throws Exception {
        String customerId = customer("Shanghai Pudong Trading Co., Ltd.", CustomerKind.ENTERPRISE, "CN", true, true);
        String key = key(customerId);
        String prompt = "客户身份证号 " + PolicyDecisionTableTest.ID_NUMBER + "，请核对";

        HttpResponse<String> redacted = chat(key, "assistant", prompt, SHANGHAI);
        assertThat(redacted.statusCode()).as(redacted.body()).isEqualTo(200);
        RecordedRequest upstream = sim.requests().getFirst();
        assertThat(upstream.body()).as("the deployment in Singapore gets the prompt redacted").contains("llama-3")
                .contains("[ID_NUMBER_1]").doesNotContain(PolicyDecisionTableTest.ID_NUMBER);

        // the customer's policy: such prompts stay on domestic deployments
        writeConfig("""
                    - id: residency_domestic_pudong
                      when: {customer: [%s], prc_resident: true, personal_data: [any]}
                      where: {processing_region: {not: [CN]}}
                      then: exclude
                """.formatted(customerId));
        assertThat(post("/policy/reload", "").statusCode()).isEqualTo(200);
        sim.clearRequests();
        assertThat(chat(key, "assistant", prompt, SHANGHAI).statusCode()).isEqualTo(200);
        assertThat(sim.requests()).singleElement().satisfies(req -> assertThat(req.body())
                .as("kept at home, the prompt needs no redaction").contains("qwen-plus").contains(PolicyDecisionTableTest.ID_NUMBER));

        // then: refuse such prompts altogether
        writeConfig("""
                    - id: residency_refuse_pudong
                      when: {customer: [%s], prc_resident: true, personal_data: [sensitive]}
                      then: deny
                      message: Prompts with sensitive personal information are refused for this account.
                """.formatted(customerId));
        assertThat(post("/policy/reload", "").statusCode()).isEqualTo(200);
        sim.clearRequests();
        HttpResponse<String> refused = chat(key, "assistant", prompt, SHANGHAI);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("policy.residency_refuse_pudong");
        assertThat(sim.requests()).isEmpty();
        assertThat(chat(key, "assistant", "没有个人信息的问题", SHANGHAI).statusCode()).as("other prompts still pass").isEqualTo(200);

        // a bad policy is refused with its line, and the refusal above stays in force
        writeConfig("""
                    - id: residency_refuse_pudong
                      when: {customer: [%s], client_country: [CHN]}
                      then: deny
                """.formatted(customerId));
        HttpResponse<String> bad = post("/policy/reload", "");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(Json.MAPPER.readTree(bad.body()).path("problems").get(0).asText())
                .contains("line ").contains("'CHN' is not an ISO 3166 country code");
        sim.clearRequests();
        assertThat(chat(key, "assistant", prompt, SHANGHAI).statusCode()).isEqualTo(403);
        assertThat(sim.requests()).isEmpty();
        writeConfig("");
        assertThat(post("/policy/reload", "").statusCode()).isEqualTo(200);
    }

    @Test
    void should_explain_a_hypothetical_request_with_the_full_trace() throws Exception {
        HttpResponse<String> r = post("/policy/explain", """
                {"model": "gpt-4o", "customer": {"kind": "enterprise", "country": "DE", "kyc": "verified"}, "client_ip": "%s"}
                """.formatted(IRAN));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode d = Json.MAPPER.readTree(r.body());
        assertThat(d.path("decision").asText()).isEqualTo("deny");
        assertThat(d.path("code").asText()).isEqualTo("policy.embargo");
        assertThat(d.path("facts").path("client_country").asText()).isEqualTo("IR");
        assertThat(d.path("trace").get(0).path("outcome").asText()).isEqualTo("denied");

        JsonNode allowed = Json.MAPPER.readTree(post("/policy/explain", """
                {"model": "any-model", "customer": {"kind": "individual", "country": "CN", "kyc": "unverified"}, "client_country": "CN"}
                """).body());
        assertThat(allowed.path("decision").asText()).isEqualTo("allow");
        assertThat(allowed.path("excluded").get(0).path("rule").asText()).isEqualTo("provider_region");
        assertThat(allowed.path("remaining").get(0).asText()).isEqualTo("qwen/qwen-plus");

        HttpResponse<String> bad = post("/policy/explain", "{\"model\": \"gpt-4o\", \"client_ip\": \"example.com\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(bad.body()).path("error").path("param").asText()).isEqualTo("client_ip");
    }

    @Test
    void should_hold_a_customer_to_a_rules_quota_and_keep_content_only_when_a_rule_says_so() throws Exception {
        String customerId = customer("Austin Solo Dev", CustomerKind.INDIVIDUAL, "US", false, false);
        String key = key(customerId);
        // the pack's quota for unverified customers, made tiny; and content logging for this customer
        writeConfig("""
                    - id: kyc_unverified_quota
                      when: {kyc: [unverified, pending_review]}
                      then: quota
                      quota: {requests_per_minute: 2}
                    - id: keep_content_austin
                      when: {customer: [%s]}
                      then: log_content
                """.formatted(customerId));
        try {
            assertThat(post("/policy/reload", "").statusCode()).isEqualTo(200);
            HttpResponse<String> first = chat(key, "gpt-4o", "first question", GERMANY);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(chat(key, "gpt-4o", "second question", GERMANY).statusCode()).isEqualTo(200);
            sim.clearRequests();
            HttpResponse<String> third = chat(key, "gpt-4o", "third question", GERMANY);
            assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
            assertThat(Json.MAPPER.readTree(third.body()).path("error").path("code").asText()).isEqualTo("policy.kyc_unverified_quota");
            assertThat(third.headers().firstValue("retry-after")).isPresent();
            assertThat(sim.requests()).as("over the quota, nothing is forwarded").isEmpty();

            String requestId = first.headers().firstValue("x-request-id").orElseThrow();
            GatewayHarness.await("the decision with its content", Duration.ofSeconds(5), () -> decision(requestId) != null);
            assertThat(decision(requestId).content()).contains("first question");
        } finally {
            writeConfig("");
            assertThat(post("/policy/reload", "").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_record_each_decision_and_what_personal_data_the_answer_held_but_never_the_prompt() throws Exception {
        String key = customerKey("Hamburg Logistik AG", CustomerKind.ENTERPRISE, "DE", false, true);

        HttpResponse<String> r = chat(key, "echo", "Please write to anna.schmidt@example.de about the delivery", GERMANY);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).as("the echo model answers with the prompt").contains("anna.schmidt@example.de");
        String requestId = r.headers().firstValue("x-request-id").orElseThrow();
        GatewayHarness.await("the request's decision in the audit trail", Duration.ofSeconds(5), () -> decision(requestId) != null);
        DecisionRecord d = decision(requestId);
        assertThat(d.code()).isEqualTo("allow");
        assertThat(d.servedBy()).isEqualTo("sg-vllm/echo-1");
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.responsePersonalData()).containsExactly(java.util.Map.entry("email", 1));
        assertThat(d.content()).as("no rule turned content logging on").isNull();
        assertThat(AuditLog.tail(gw.subsystems().db(), 50)).noneSatisfy(a -> assertThat(a.entry().afterJson()).contains("anna.schmidt"));
    }

    @Test
    void should_keep_where_each_request_was_processed_in_the_usage_ledger() throws Exception {
        String key = customerKey("Suzhou Precision Parts Co., Ltd.", CustomerKind.ENTERPRISE, "CN", false, true);

        HttpResponse<String> abroad = chat(key, "echo", "Hello", SHANGHAI);
        HttpResponse<String> domestic = chat(key, "qwen-plus", "Hello", SHANGHAI);

        assertThat(abroad.statusCode()).as(abroad.body()).isEqualTo(200);
        assertThat(domestic.statusCode()).as(domestic.body()).isEqualTo(200);
        String abroadId = abroad.headers().firstValue("x-request-id").orElseThrow();
        String domesticId = domestic.headers().firstValue("x-request-id").orElseThrow();
        GatewayHarness.await("both usage records in the ledger", Duration.ofSeconds(5),
                () -> ledgerRegion(abroadId) != null && ledgerRegion(domesticId) != null);
        assertThat(ledgerRegion(abroadId)).as("the policy places sg-vllm in Singapore").isEqualTo("SG");
        assertThat(ledgerRegion(domesticId)).as("Qwen processes in mainland China").isEqualTo("CN");
    }

    @Test
    void should_keep_the_forwarded_client_address_not_the_proxys_in_the_customers_cip_record() throws Exception {
        String customerId = customer("Munich Robotics GmbH", CustomerKind.ENTERPRISE, "DE", false, true);

        assertThat(chat(key(customerId), "gpt-4o", "Hello", GERMANY).statusCode()).isEqualTo(200);
        gw.subsystems().accessIps().flush(); // what the timer does every few seconds

        assertThat(gw.subsystems().screening().cip().accessIps(customerId))
                .as("127.0.0.1 is a trusted proxy here: the address it forwards is the caller's")
                .singleElement().satisfies(a -> {
                    assertThat(a.ip()).isEqualTo(GERMANY);
                    assertThat(a.kind()).isEqualTo("api");
                });
    }

    // --- helpers ---

    /** The processing region in a request's usage record, or null while the record is not loaded. */
    private static String ledgerRegion(String requestId) {
        return gw.subsystems().db().withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT region FROM usage_records WHERE request_id = ?")) {
                ps.setString(1, requestId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** The request_decision entry of one request, or null while it is not written yet. */
    private static DecisionRecord decision(String requestId) {
        return AuditLog.tail(gw.subsystems().db(), 200).stream()
                .filter(a -> a.entry().category() == AuditCategory.REQUEST_DECISION)
                .map(a -> DecisionRecord.fromJson(a.entry().afterJson()))
                .filter(d -> requestId.equals(d.requestId())).findFirst().orElse(null);
    }

    private static List<DecisionRecord> denials() {
        return AuditLog.tail(gw.subsystems().db(), 100).stream()
                .filter(a -> a.entry().category() == AuditCategory.POLICY_DENIAL)
                .map(AuditRecord::entry).map(e -> DecisionRecord.fromJson(e.afterJson())).toList();
    }

    private static String customerKey(String name, CustomerKind kind, String country, boolean prcResident, boolean verified) {
        return key(customer(name, kind, country, prcResident, verified));
    }

    private static String customer(String name, CustomerKind kind, String country, boolean prcResident, boolean verified) {
        Subsystems s = gw.subsystems();
        String id = s.customers().create(new NewCustomer(name, kind, country, null, null, null)).id();
        s.screening().cip().put(id, new CipDetails(List.of(), List.of(), !"US".equals(country), prcResident, null,
                List.of(), List.of(), List.of(), List.of(), List.of()), "test");
        if (verified) {
            s.screening().cip().verify(id, VerificationStatus.PENDING_REVIEW, "test", "documents received", null, null);
            s.screening().cip().verify(id, VerificationStatus.VERIFIED, "test", "business licence checked",
                    java.time.LocalDate.now().plusYears(1), null);
        }
        s.customerFacts().changed(id);
        return id;
    }

    private static String key(String customerId) {
        Subsystems s = gw.subsystems();
        String project = s.projects().create(customerId, "app").id();
        return s.keys().create(NewApiKey.client("app", customerId, project, null, null)).secret().value();
    }

    private static HttpResponse<String> chat(String key, String model, String text, String clientIp) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .header("x-forwarded-for", clientIp)
                .POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chat(model, text))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/admin/v1" + path))
                .header("authorization", "Bearer " + admin).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
