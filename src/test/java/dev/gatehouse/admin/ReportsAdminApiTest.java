package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.api.Json;
import dev.gatehouse.reports.Report;
import dev.gatehouse.reports.ReportWorld;
import dev.gatehouse.reports.Reports;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import dev.gatehouse.testkit.TempDirs;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports through the admin API of a running gateway, over the report tests' world. */
class ReportsAdminApiTest {
    private static final String YEAR = "from=2026-01-01&to=2026-12-31";
    private static Vertx vertx;
    private static AdminRig rig;
    private static ReportWorld.Ids ids;
    private static String compliance;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        ProviderSimulator sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        rig = AdminRig.h2(sim);
        Path dir = TempDirs.create("reports-api");
        ids = ReportWorld.seed(rig.s().db(), dir);
        compliance = rig.adminKey(null, Role.COMPLIANCE);
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_list_the_reports_as_the_openapi_document_names_them() throws Exception {
        var r = rig.get("/reports", compliance);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("data")).extracting(n -> n.path("name").asText())
                .containsExactlyElementsOf(Reports.ALL.stream().map(Report::name).toList());
        JsonNode large = r.json().path("data").get(1);
        assertThat(large.path("period").asText()).isEqualTo("required");
        assertThat(large.path("parameters")).extracting(n -> n.path("name").asText()).containsExactly("min_tokens", "min_spend_usd");
        assertThat(large.path("columns").get(0).path("name").asText()).isEqualTo("customer_id");

        JsonNode doc = Json.MAPPER.readTree(OpenApiHandler.load());
        assertThat(doc.path("paths").path("/reports/{name}").path("get").path("parameters").get(0).path("schema").path("enum"))
                .extracting(JsonNode::asText).containsExactlyElementsOf(Reports.ALL.stream().map(Report::name).toList());
    }

    @Test
    void should_give_the_same_csv_as_the_command_line_and_json_by_default() {
        var csv = rig.get("/reports/policy-denials?" + YEAR + "&format=csv", compliance);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("content-type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(csv.body()).isEqualTo(ReportWorld.policyDenials2026Csv(ids));

        var json = rig.get("/reports/customer-identification", compliance);
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertThat(json.header("content-type")).isEqualTo("application/json");
        assertThat(json.json().path("period").isNull()).isTrue();
        assertThat(json.json().path("rows")).hasSize(5);
        JsonNode harbour = json.json().path("rows").get(1);
        assertThat(harbour.path("customer_id").asText()).isEqualTo(ids.harbour());
        assertThat(harbour.path("other_names").get(0).asText()).isEqualTo(ReportWorld.HARBOUR_CHINESE);
        assertThat(harbour.path("phones").get(0).asText()).as("JSON is exact: no formula guard").isEqualTo("+86 755 1234 5678");

        var large = rig.get("/reports/foreign-large-scale-use?" + YEAR + "&min_tokens=500", compliance).json();
        assertThat(large.path("rows")).extracting(n -> n.path("customer_id").asText()).containsExactly(ids.harbour(), ids.berlin());
        assertThat(large.path("parameters").path("min_tokens").asLong()).isEqualTo(500);
    }

    @Test
    void should_let_only_operator_owners_admins_and_compliance_read_reports() {
        String path = "/reports/cross-border-personal-data?" + YEAR;
        assertThat(rig.get(path, rig.adminKey(null, Role.OWNER)).status()).isEqualTo(200);
        assertThat(rig.get(path, rig.adminKey(null, Role.ADMIN)).status()).isEqualTo(200);
        assertThat(rig.get(path, compliance).status()).isEqualTo(200);
        var viewer = rig.get(path, rig.adminKey(null, Role.VIEWER));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.code()).isEqualTo("forbidden");
        assertThat(rig.get(path, rig.adminKey(ids.harbour(), Role.COMPLIANCE)).status()).as("a customer's own compliance user").isEqualTo(403);
        assertThat(rig.get("/reports", rig.adminKey(ids.harbour(), Role.OWNER)).status()).isEqualTo(403);
        assertThat(rig.get(path, null).status()).isEqualTo(401);
    }

    @Test
    void should_refuse_bad_input_naming_the_parameter() {
        refused("/reports/policy-denials?from=2026-01-32&to=2026-12-31", 400, "from");
        refused("/reports/policy-denials?from=2026-12-31&to=2026-01-01", 400, "to");
        refused("/reports/policy-denials?from=2026-01-01", 400, "to");
        refused("/reports/policy-denials", 400, "from");
        refused("/reports/policy-denials?" + YEAR + "&format=xml", 400, "format");
        refused("/reports/policy-denials?" + YEAR + "&min_tokens=5", 400, "min_tokens");
        refused("/reports/foreign-large-scale-use?" + YEAR + "&min_spend_usd=-1", 400, "min_spend_usd");
        refused("/reports/policy-denials?" + YEAR + "&colour=red", 400, "colour");
        var unknown = refused("/reports/sales?" + YEAR, 404, "name");
        assertThat(unknown.json().path("error").path("message").asText()).startsWith("No report named 'sales'; reports: customer-identification");
    }

    private static AdminRig.Res refused(String path, int status, String param) {
        var r = rig.get(path, compliance);
        assertThat(r.status()).as(path + " -> " + r).isEqualTo(status);
        assertThat(r.param()).as(path + " -> " + r).isEqualTo(param);
        return r;
    }
}
