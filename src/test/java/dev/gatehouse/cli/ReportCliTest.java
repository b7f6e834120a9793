package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.reports.CsvParse;
import dev.gatehouse.reports.ReportWorld;
import dev.gatehouse.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gatehouse report} over the report tests' world, as a compliance officer runs it. */
class ReportCliTest {
    @TempDir
    Path dir;

    Cli cli;
    ReportWorld.Ids ids;

    @BeforeEach
    void seed() {
        cli = Cli.h2(dir);
        try (Database db = cli.openDatabase()) {
            ids = ReportWorld.seed(db, dir);
        }
    }

    @Test
    void should_print_the_customer_identification_report_as_csv_with_every_field_escaped() {
        Cli.Result r = cli.run("report", "customer-identification", "--format", "csv");
        assertThat(r.code()).as(r.toString()).isZero();

        List<List<String>> lines = CsvParse.parse(r.out());
        assertThat(lines).hasSize(6).allSatisfy(l -> assertThat(l).hasSize(lines.getFirst().size()));
        assertThat(lines.getFirst()).startsWith("customer_id", "legal_name", "kind").endsWith("screening_state", "open_screening_cases", "last_screened_at");
        assertThat(r.out()).contains("\r\n" + ids.harbour() + ",\"Harbour \"\"Blue Sea\"\" Trading, Ltd.\",enterprise,active,CN,2025-06-01T00:00:00Z,,"
                + "海港贸易有限公司,\"88 Keyuan Road, Building 3, Floor 12\nRoom 1203, Shenzhen, Guangdong, 518057, CN\",true,true,,"
                + "unified_social_credit_code | passport,91440300MA5FXXXX1A | E12345678,CN | CN, | 2030-01-31,\"华为技术有限公司 (CN, 51%)\","
                + "card: visa ending 1111 | alipay: account ending 1234,ops@harbour.example | kyc@harbour.example,'+86 755 1234 5678,"
                + "2,198.51.100.7,2026-03-01T00:00:00Z,1,2025-06-02T00:00:00Z,verified,usr_chief,2025-06-03T00:00:00Z,2027-06-03,"
                + "review,1,2026-01-10T00:00:00Z\r\n");
        assertThat(lines.get(5).get(7)).as("berlin's other name, disarmed").isEqualTo("'" + ReportWorld.FORMULA);
        assertThat(r.err()).contains("note: 1 of 5 customers without a CIP record");
    }

    @Test
    void should_write_the_policy_denials_of_2026_exactly() {
        Cli.Result r = cli.run("report", "policy-denials", "--from", "2026-01-01", "--to", "2026-12-31");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(ReportWorld.policyDenials2026Csv(ids));
    }

    @Test
    void should_write_json_to_a_file_with_thresholds_from_the_config_or_the_command_line() throws Exception {
        Path out = dir.resolve("large.json");
        Cli.Result r = cli.run("report", "foreign-large-scale-use", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("1 row of foreign-large-scale-use written to " + out + "\n");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        JsonNode doc = Json.MAPPER.readTree(text);
        assertThat(doc.path("period").path("end").asText()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(doc.path("parameters").path("min_tokens").asLong()).isEqualTo(100_000_000L);
        assertThat(doc.path("rows")).hasSize(1);
        JsonNode harbour = doc.path("rows").get(0);
        assertThat(harbour.path("legal_name").asText()).isEqualTo(ReportWorld.HARBOUR_NAME);
        assertThat(harbour.path("other_names").get(0).asText()).isEqualTo(ReportWorld.HARBOUR_CHINESE);
        assertThat(harbour.path("spend_usd").decimalValue()).isEqualByComparingTo("450");
        assertThat(text).contains("\"requests_by_route\" : {\n      \"gpt-4o\" : 2,\n      \"claude-sonnet\" : 1\n    }");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain("large.json.part");

        Files.writeString(cli.config(), "compliance:\n  large_scale_tokens: 500\n", StandardOpenOption.APPEND);
        JsonNode lower = cli.run("report", "foreign-large-scale-use", "--from", "2026-01-01", "--to", "2026-12-31", "--json").json();
        assertThat(lower.path("rows")).extracting(n -> n.path("customer_id").asText()).containsExactly(ids.harbour(), ids.berlin());
        JsonNode flag = cli.run("report", "foreign-large-scale-use", "--from", "2026-01-01", "--to", "2026-12-31", "--json",
                "--min-tokens", "200000000", "--min-spend-usd", "100000").json();
        assertThat(flag.path("parameters").path("min_tokens").asLong()).isEqualTo(200_000_000L);
        assertThat(flag.path("parameters").path("min_spend_usd").decimalValue()).isEqualByComparingTo("100000");
        assertThat(flag.path("rows")).isEmpty();
    }

    @Test
    void should_count_cross_border_transfers_per_year() {
        Cli.Result r = cli.run("report", "cross-border-personal-data", "--from", "2026-01-01", "--to", "2026-12-31");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).endsWith("\r\n2026,year_total,,,,5,2,7,0.000050,0.000200,0.000005,\r\n");
        assertThat(CsvParse.parse(r.out())).hasSize(6); // header, four providers and kinds, the year
    }

    @Test
    void should_refuse_bad_input_with_exit_2_naming_the_option_and_write_nothing() {
        expect(cli.run("report", "policy-denials", "--from", "2026-1-1", "--to", "2026-12-31"), "--from:", "2026-01-31");
        expect(cli.run("report", "policy-denials", "--from", "2026-12-31", "--to", "2026-01-01"), "--to:", "before from");
        expect(cli.run("report", "policy-denials", "--from", "2026-01-01"), "--to:", "required");
        expect(cli.run("report", "policy-denials"), "--from:", "covers a period");
        expect(cli.run("report", "sales", "--from", "2026-01-01", "--to", "2026-12-31"), "NAME:", "no report named 'sales'");
        expect(cli.run("report", "policy-denials", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "xlsx"), "--format:", "csv or json");
        expect(cli.run("report", "policy-denials", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "csv", "--json"), "--format:", "--json");
        expect(cli.run("report", "policy-denials", "--from", "2026-01-01", "--to", "2026-12-31", "--min-tokens", "5"), "--min-tokens:", "not a parameter");
        expect(cli.run("report", "foreign-large-scale-use", "--from", "2026-01-01", "--to", "2026-12-31", "--min-tokens", "lots"), "--min-tokens:", "whole number");
        expect(cli.run("report"), "NAME:", "customer-identification");
        Path nowhere = dir.resolve("no-such-dir").resolve("r.csv");
        expect(cli.run("report", "customer-identification", "--out", nowhere.toString()), "--out:", "cannot write");
        assertThat(Files.exists(nowhere.getParent())).isFalse();
        // checked before any configuration is needed
        expect(Cli.runRaw("report", "sales", "--config", dir.resolve("missing.yaml").toString()), "NAME:", "no report named");
    }

    @Test
    void should_list_the_reports() {
        Cli.Result r = cli.run("report", "--list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("customer-identification", "foreign-large-scale-use - Foreign large-scale use report (needs --from and --to)", "--min-spend-usd",
                "cross-border-personal-data", "policy-denials", "policy-denials-detail");
        assertThat(Cli.runRaw("--help").out()).contains("report");
    }

    private static void expect(Cli.Result r, String option, String message) {
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).startsWith("gatehouse: " + option).contains(message);
        assertThat(r.out()).isEmpty();
    }
}
