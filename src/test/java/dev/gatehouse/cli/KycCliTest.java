package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KYC and screening commands as an operator uses them: customers are screened as they are
 * created or renamed, decisions land in the audit trail under {@code cli:USER}, and bad input
 * (unknown customer, invalid transition, malformed record file) is refused with a clear message,
 * exit code 2 (1 for what does not exist), and nothing written.
 */
class KycCliTest {
    private static final String UN = "../shared/data/screening/un/consolidated.xml";
    private static final String ACTOR = "cli:" + System.getProperty("user.name");
    private static final String RECORD = """
            {"other_names":["湖畔面包有限公司"],"addresses":[{"line1":"1 Seestrasse","city":"Konstanz","country":"DE"}],
             "foreign":true,"prc_resident":false,
             "identity_evidence":[{"type":"commercial_register","number":"HRB 381234","issuing_country":"DE"}],
             "payment_means":[{"type":"card","reference":"visa ending 1111"}],"emails":["kyc@lakeside.example"]}
            """;

    @TempDir
    Path dir;

    private static List<AuditEntry> entries(Cli cli) {
        try (Database db = cli.openDatabase()) {
            return AuditLog.tail(db, 10_000).stream().map(AuditRecord::entry).toList();
        }
    }

    private static void assertVerifies(Cli cli) {
        Cli.Result verified = cli.run("audit", "verify", "--json");
        assertThat(verified.code()).as(verified.toString()).isZero();
        assertThat(verified.json().path("status").asText()).isEqualTo("ok");
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void should_screen_customers_created_or_renamed_through_the_cli_and_audit_every_decision() {
        Cli cli = Cli.h2(dir);
        Cli.Result before = cli.run("customers", "create", "--name", "Amin Industrial Complex", "--kind", "enterprise", "--country", "IR", "--json");
        assertThat(before.json().path("status").asText()).as("no lists yet: nothing to screen against").isEqualTo("active");
        assertThat(entries(cli)).noneMatch(e -> e.category() == AuditCategory.SCREENING);

        assertThat(cli.run("lists", "import", "--un", UN).code()).isZero();
        assertThat(cli.run("customers", "show", before.json().path("id").asText(), "--json").json().path("status").asText())
                .as("the import rescreened everyone").isEqualTo("suspended");
        assertThat(entries(cli)).filteredOn(e -> e.category() == AuditCategory.SCREENING).extracting(AuditEntry::action)
                .containsExactly("screening.list_import", "screening.suspend", "screening.rescreen_all");

        Cli.Result listed = cli.run("customers", "create", "--name", "Behineh Trading Co", "--kind", "enterprise", "--country", "IR", "--json");
        assertThat(listed.code()).as(listed.toString()).isZero();
        assertThat(listed.json().path("status").asText()).isEqualTo("suspended");
        Cli.Result bakery = cli.run("customers", "create", "--name", "Lakeside Bakery GmbH", "--kind", "enterprise", "--country", "DE", "--json");
        String id = bakery.json().path("id").asText();
        assertThat(bakery.json().path("status").asText()).isEqualTo("active");

        Cli.Result renamed = cli.run("customers", "update", id, "--name", "Electro Sanam Company", "--country", "IR", "--json");
        assertThat(renamed.code()).as(renamed.toString()).isZero();
        assertThat(renamed.json().path("status").asText()).as("a rename is screened at once").isEqualTo("suspended");
        assertThat(cli.run("customers", "update", id).err()).contains("--name: nothing to change");

        JsonNode open = cli.run("screening", "cases", "--status", "open", "--customer", id, "--json").json();
        assertThat(open).hasSize(1);
        String caseId = open.get(0).path("id").asText();
        Cli.Result badDecision = cli.run("screening", "decide", caseId, "--decision", "maybe", "--reason", "x");
        assertThat(badDecision.code()).isEqualTo(StoreRun.BAD_INPUT);
        assertThat(badDecision.err()).contains("--decision: decision must be open, true_match or false_positive, not 'maybe'");
        assertThat(cli.run("screening", "decide", "case_nope", "--decision", "false_positive", "--reason", "x").code()).isEqualTo(StoreRun.NOT_FOUND);
        Cli.Result decided = cli.run("screening", "decide", caseId, "--decision", "false_positive", "--reason", "a bakery in Konstanz", "--json");
        assertThat(decided.code()).as(decided.toString()).isZero();
        assertThat(decided.json().path("status").asText()).isEqualTo("false_positive");
        assertThat(cli.run("customers", "show", id, "--json").json().path("status").asText()).isEqualTo("active");

        List<AuditEntry> screening = entries(cli).stream().filter(e -> e.category() == AuditCategory.SCREENING).toList();
        assertThat(screening).extracting(AuditEntry::action).containsExactly("screening.list_import", "screening.suspend",
                "screening.rescreen_all", "screening.suspend", "screening.run", "screening.suspend", "screening.case_decision");
        assertThat(screening).extracting(AuditEntry::actor).containsOnly(ACTOR);
        assertThat(screening.getLast().subject()).isEqualTo(id);
        assertVerifies(cli);
    }

    @Test
    void should_refuse_bad_cip_records_and_verification_steps_and_change_nothing() throws Exception {
        Cli cli = Cli.h2(dir);
        String id = cli.run("customers", "create", "--name", "Lakeside Bakery GmbH", "--kind", "enterprise", "--country", "DE", "--json")
                .json().path("id").asText();

        Cli.Result truncated = cli.run("kyc", "set", id, "--file", file("truncated.json", RECORD.substring(0, 120)).toString());
        assertThat(truncated.code()).isEqualTo(StoreRun.BAD_INPUT);
        assertThat(truncated.err()).contains("--file:", "truncated.json is not valid JSON at line 2");
        Cli.Result unknownField = cli.run("kyc", "set", id, "--file", file("nickname.json", "{\"nickname\":\"Bakery\"}").toString());
        assertThat(unknownField.err()).contains("--file:", "field nickname");
        Cli.Result latin1 = cli.run("kyc", "set", id, "--file",
                Files.write(dir.resolve("latin1.json"), "{\"other_names\":[\"M\u00fcller\"]}".getBytes(StandardCharsets.ISO_8859_1)).toString());
        assertThat(latin1.err()).contains("latin1.json is not UTF-8 text");
        Cli.Result card = cli.run("kyc", "set", id, "--file", file("card.json", RECORD.replace("visa ending 1111", "4111 1111 1111 1111")).toString());
        assertThat(card.code()).isEqualTo(StoreRun.BAD_INPUT);
        assertThat(card.err()).contains("--file: field payment_means[0].reference:", "(nothing stored)");
        assertThat(cli.run("kyc", "set", id, "--file", dir.resolve("missing.json").toString()).err()).contains("--file: cannot read");
        Path good = file("record.json", RECORD);
        Cli.Result nobody = cli.run("kyc", "set", "cus_nobody", "--file", good.toString());
        assertThat(nobody.code()).isEqualTo(StoreRun.NOT_FOUND);
        assertThat(nobody.err()).contains("no customer cus_nobody");
        assertThat(cli.run("kyc", "show", id, "--json").json().path("cip_version").asInt()).as("nothing was stored").isZero();

        Cli.Result set = cli.run("kyc", "set", id, "--file", good.toString(), "--json");
        assertThat(set.code()).as(set.toString()).isZero();
        assertThat(set.json().path("cip_version").asInt()).isEqualTo(1);

        Cli.Result skipped = cli.run("kyc", "verify", id, "--status", "verified", "--evidence", "register extract", "--reverify-on", "2028-01-31");
        assertThat(skipped.code()).isEqualTo(StoreRun.BAD_INPUT);
        assertThat(skipped.err()).contains("--status: a customer unverified cannot become verified");
        assertThat(cli.run("kyc", "verify", id, "--status", "approved").err()).contains("--status: status must be unverified, pending_review, verified or rejected");
        assertThat(cli.run("kyc", "verify", "cus_nobody", "--status", "pending_review").code()).isEqualTo(StoreRun.NOT_FOUND);
        assertThat(cli.run("kyc", "verify", id, "--status", "pending_review", "--evidence", "register extract received").code()).isZero();
        assertThat(cli.run("kyc", "verify", id, "--status", "verified").err()).contains("--evidence: verifying a customer needs the evidence");
        assertThat(cli.run("kyc", "verify", id, "--status", "verified", "--evidence", "x", "--reverify-on", "31/01/2028").err())
                .contains("--reverify-on: a date as YYYY-MM-DD");
        Cli.Result verified = cli.run("kyc", "verify", id, "--status", "verified", "--evidence", "register extract checked",
                "--reverify-on", "2028-01-31", "--json");
        assertThat(verified.json().path("decided_by").asText()).isEqualTo(ACTOR);

        JsonNode shown = cli.run("kyc", "show", id, "--json").json();
        assertThat(shown.path("verification").asText()).isEqualTo("verified");
        assertThat(shown.path("reverify_on").asText()).isEqualTo("2028-01-31");

        Path export = dir.resolve("export.json");
        assertThat(cli.run("kyc", "export", id, "--out", export.toString()).code()).isZero();
        JsonNode doc = Json.MAPPER.readTree(export.toFile());
        assertThat(doc.path("cip_record").path("details").path("other_names").get(0).asText()).isEqualTo("湖畔面包有限公司");
        assertThat(doc.path("verification_history")).as("only the steps that were accepted").hasSize(2);
        assertThat(cli.run("kyc", "export", id, "--out", export.toString()).err()).contains("--out:", "exists");
        assertThat(cli.run("kyc", "export", "cus_nobody").code()).isEqualTo(StoreRun.NOT_FOUND);
        assertThat(cli.run("screening", "purge-retained", "--retention", "2y").err()).contains("--retention: an ISO-8601 period");

        List<AuditEntry> kyc = entries(cli).stream().filter(e -> e.category() == AuditCategory.KYC).toList();
        assertThat(kyc).extracting(AuditEntry::action).containsExactly("kyc.cip_record", "kyc.verification", "kyc.verification");
        assertThat(kyc).extracting(AuditEntry::actor).containsOnly(ACTOR);
        assertVerifies(cli);
    }

    @Test
    void should_purge_a_long_closed_customers_records_and_audit_entries_from_the_cli() throws Exception {
        Cli cli = Cli.h2(dir);
        String id = cli.run("customers", "create", "--name", "Closed Bakery GmbH", "--kind", "enterprise", "--country", "DE", "--json")
                .json().path("id").asText();
        assertThat(cli.run("kyc", "set", id, "--file", file("record.json", RECORD).toString()).code()).isZero();
        assertThat(cli.run("customers", "close", id).code()).isZero();
        assertThat(cli.run("screening", "purge-retained", "--json").json()).as("closed just now: kept two years").isEmpty();

        try (Database db = cli.openDatabase()) { // as if it had closed 800 days ago
            db.withConnection(c -> {
                try (var st = c.prepareStatement("UPDATE customers SET closed_at = closed_at - INTERVAL '800' DAY WHERE id = ?")) {
                    st.setString(1, id);
                    return st.executeUpdate();
                }
            });
        }
        JsonNode rows = cli.run("screening", "purge-retained", "--json").json();
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.path("customer").asText()).isEqualTo(id));
        assertThat(cli.run("kyc", "show", id, "--json").json().path("cip_version").asInt()).isZero();
        List<AuditEntry> about = entries(cli).stream().filter(e -> id.equals(e.subject())).toList();
        assertThat(about).extracting(AuditEntry::action).containsExactly("kyc.retention_purge");
        assertThat(about.getFirst().actor()).isEqualTo(ACTOR);
        assertVerifies(cli);
    }
}
