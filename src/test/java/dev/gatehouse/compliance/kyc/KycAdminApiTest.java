package dev.gatehouse.compliance.kyc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.accounts.NewApiKey;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.api.Json;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API's KYC endpoints on a real gateway: compliance writes records and decides cases, a viewer may only read, a customer sees none of it. */
class KycAdminApiTest {
    private static Vertx vertx;
    private static ProviderSimulator sim;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startSimulator() throws Exception {
        vertx = Vertx.vertx();
        sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        SuspensionOnGatewayTest.useSimulator(sim);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_record_cip_decide_cases_and_export_for_an_examiner() throws Exception {
        Gateway gw = SuspensionOnGatewayTest.gateway();
        try {
            var s = gw.subsystems();
            String owner = s.keys().create(NewApiKey.admin("owner", null, Role.OWNER)).secret().value();
            String compliance = s.keys().create(NewApiKey.admin("compliance", null, Role.COMPLIANCE)).secret().value();
            String viewer = s.keys().create(NewApiKey.admin("viewer", null, Role.VIEWER)).secret().value();
            s.screeningLists().importList(FixtureLists.of(FixtureLists.HUAWEI));
            String cus = json(call(gw, "POST", "/customers", owner, "{\"name\":\"Harbour Trading\",\"kind\":\"enterprise\",\"country\":\"CN\"}")).path("id").asText();
            String customerViewer = s.keys().create(NewApiKey.admin("own", cus, Role.COMPLIANCE)).secret().value();

            String record = """
                    {"other_names":["海港贸易有限公司"],"addresses":[{"line1":"88 Keyuan Road","city":"Shenzhen","country":"CN"}],
                     "foreign":true,"prc_resident":true,
                     "identity_evidence":[{"type":"unified_social_credit_code","number":"91440300MA5FXXXX1A","issuing_country":"CN"}],
                     "beneficial_owners":[{"name":"华为技术有限公司","country":"CN","share":51}],
                     "payment_means":[{"type":"card","reference":"visa ending 1111"}],"emails":["kyc@harbour.example"],"phones":["+86 755 1234 5678"]}""";
            assertThat(call(gw, "PUT", "/customers/" + cus + "/cip", viewer, record).statusCode()).isEqualTo(403);
            assertThat(call(gw, "GET", "/customers/" + cus + "/cip", customerViewer, null).statusCode()).as("operator only").isEqualTo(403);
            HttpResponse<String> card = call(gw, "PUT", "/customers/" + cus + "/cip", compliance, record.replace("visa ending 1111", "4111111111111111"));
            assertThat(card.statusCode()).isEqualTo(400);
            assertThat(json(card).path("error").path("param").asText()).isEqualTo("payment_means[0].reference");
            HttpResponse<String> unknown = call(gw, "PUT", "/customers/" + cus + "/cip", compliance, "{\"nickname\":\"x\"}");
            assertThat(unknown.statusCode()).isEqualTo(400);

            HttpResponse<String> put = call(gw, "PUT", "/customers/" + cus + "/cip", compliance, record);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(json(put).path("version").asInt()).isEqualTo(1);
            // the owner named like a listed entity: screened on the change, suspended
            assertThat(json(call(gw, "GET", "/customers/" + cus, owner, null)).path("status").asText()).isEqualTo("suspended");

            JsonNode cases = json(call(gw, "GET", "/screening/cases?status=open", viewer, null)).path("data");
            assertThat(cases).hasSize(1);
            String caseId = cases.get(0).path("id").asText();
            assertThat(cases.get(0).path("hit").path("band").asText()).isEqualTo("block");
            assertThat(call(gw, "POST", "/screening/cases/" + caseId + "/decision", viewer, "{\"decision\":\"false_positive\",\"reason\":\"x\"}").statusCode()).isEqualTo(403);
            HttpResponse<String> decided = call(gw, "POST", "/screening/cases/" + caseId + "/decision", compliance,
                    "{\"decision\":\"true_match\",\"reason\":\"the owner is the listed company\"}");
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
            assertThat(json(decided).path("decisions").get(0).path("reason").asText()).isEqualTo("the owner is the listed company");

            assertThat(call(gw, "POST", "/customers/" + cus + "/verification", compliance, "{\"status\":\"verified\"}").statusCode()).isEqualTo(400);
            assertThat(call(gw, "POST", "/customers/" + cus + "/verification", compliance, "{\"status\":\"pending_review\",\"evidence\":\"licence received\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> rejected = call(gw, "POST", "/customers/" + cus + "/verification", compliance, "{\"status\":\"rejected\",\"evidence\":\"sanctioned owner\"}");
            assertThat(json(rejected).path("status").asText()).isEqualTo("rejected");

            JsonNode export = json(call(gw, "GET", "/customers/" + cus + "/kyc-export", viewer, null));
            assertThat(export.path("cip_record").path("details").path("other_names").get(0).asText()).isEqualTo("海港贸易有限公司");
            assertThat(export.path("verification_history")).hasSize(2);
            assertThat(export.path("screening_cases").get(0).path("status").asText()).isEqualTo("true_match");
            assertThat(export.path("screening_runs")).hasSizeGreaterThanOrEqualTo(2); // on create, on the record's change
            JsonNode lists = json(call(gw, "GET", "/screening/lists", viewer, null));
            assertThat(lists.path("data").get(0).path("list").asText()).isEqualTo(FixtureLists.LIST);
        } finally {
            gw.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> call(Gateway gw, String method, String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/admin/v1" + path))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception { return Json.MAPPER.readTree(r.body()); }
}
