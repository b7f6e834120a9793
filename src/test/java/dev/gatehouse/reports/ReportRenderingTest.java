package dev.gatehouse.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One table, two renderings: RFC 4180 CSV with formula guards, and typed JSON with the report's header. */
class ReportRenderingTest {
    private static final List<Column> COLUMNS = List.of(new Column("name", "n"), new Column("amount", "a"), new Column("count", "c"),
            new Column("tags", "t"), new Column("by", "b"), new Column("at", "time"), new Column("ok", "flag"));

    private static ReportResult result() {
        ReportTable t = new ReportTable(COLUMNS).parameter("min_tokens", 5L).note("a note, with a comma");
        Map<String, Object> by = new LinkedHashMap<>();
        by.put("gpt-4o", 2L);
        by.put("(none)", 1L);
        t.row().set("name", "Zhang \"Z\" Wei, 张伟").set("amount", new BigDecimal("-5.50")).set("count", -3L)
                .set("tags", Arrays.asList("a", "b, c", null)).set("by", by).set("at", Instant.parse("2026-01-01T00:00:00Z")).set("ok", true).add();
        t.row().set("name", "=1+2").set("amount", Cells.money(1_000_000_000_000L)).set("count", 0)
                .set("tags", List.of("+86 755 1234 5678")).set("by", Map.of()).set("at", LocalDate.parse("2026-12-31")).set("ok", false).add();
        t.row().set("name", "line one\r\nline two").set("amount", Cells.fraction(5, 1_000_000)).set("count", null)
                .set("tags", List.of()).set("by", null).set("at", null).set("ok", null).add();
        t.row().set("name", "@SUM(A1)").set("amount", null).set("count", null).set("tags", List.of("-x", "ok")).set("by", null)
                .set("at", null).set("ok", null).add();
        t.row().set("name", "\tTAB").set("amount", null).set("count", null).set("tags", null).set("by", null).set("at", null).set("ok", null).add();
        return new ReportResult("sample", "A sample", ReportPeriod.parse("2026-01-01", "2026-12-31"), Instant.parse("2026-05-01T10:00:00Z"), t);
    }

    @Test
    void should_write_rfc_4180_csv_with_a_header_quotes_where_needed_and_formulas_disarmed() {
        String csv = ReportFormat.CSV.render(result());
        assertThat(csv).isEqualTo("name,amount,count,tags,by,at,ok\r\n"
                + "\"Zhang \"\"Z\"\" Wei, 张伟\",-5.50,-3,\"a | b, c | \",gpt-4o=2 | (none)=1,2026-01-01T00:00:00Z,true\r\n"
                + "'=1+2,1000.00,0,'+86 755 1234 5678,,2026-12-31,false\r\n"
                + "\"line one\r\nline two\",0.000005,,,,,\r\n"
                + "'@SUM(A1),,,'-x | ok,,,\r\n"
                + "'\tTAB,,,,,,\r\n");
        List<List<String>> parsed = CsvParse.parse(csv);
        assertThat(parsed).hasSize(6).allSatisfy(line -> assertThat(line).hasSize(COLUMNS.size()));
        assertThat(parsed.get(1).getFirst()).isEqualTo("Zhang \"Z\" Wei, 张伟");
        assertThat(parsed.get(3).getFirst()).isEqualTo("line one\r\nline two");
    }

    @Test
    void should_write_json_with_period_parameters_notes_and_typed_exact_values() throws Exception {
        String text = ReportFormat.JSON.render(result());
        JsonNode doc = Json.MAPPER.readTree(text);
        assertThat(doc.path("report").asText()).isEqualTo("sample");
        assertThat(doc.path("period").path("from").asText()).isEqualTo("2026-01-01");
        assertThat(doc.path("period").path("to").asText()).isEqualTo("2026-12-31");
        assertThat(doc.path("period").path("end").asText()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(doc.path("generated_at").asText()).isEqualTo("2026-05-01T10:00:00Z");
        assertThat(doc.path("parameters").path("min_tokens").isIntegralNumber()).isTrue();
        assertThat(doc.path("notes").get(0).asText()).isEqualTo("a note, with a comma");
        assertThat(doc.path("columns")).extracting(JsonNode::asText).containsExactly("name", "amount", "count", "tags", "by", "at", "ok");
        JsonNode first = doc.path("rows").get(0);
        assertThat(first.path("name").asText()).isEqualTo("Zhang \"Z\" Wei, 张伟");
        assertThat(first.path("tags")).hasSize(3);
        assertThat(first.path("tags").get(2).isNull()).isTrue();
        assertThat(first.path("by").path("gpt-4o").asLong()).isEqualTo(2);
        assertThat(first.path("ok").isBoolean()).isTrue();
        assertThat(doc.path("rows").get(1).path("name").asText()).as("JSON keeps the exact text").isEqualTo("=1+2");
        // exact decimals, never in exponent form
        assertThat(text).contains("\"amount\" : -5.50", "\"amount\" : 1000.00", "\"amount\" : 0.000005");
        assertThat(doc.path("rows").get(2).path("count").isNull()).isTrue();
    }

    @Test
    void should_refuse_a_row_that_leaves_a_column_out_or_holds_an_inexact_number() {
        ReportTable t = new ReportTable(COLUMNS);
        assertThatThrownBy(() -> t.row().set("name", "x").add()).hasMessageContaining("amount");
        assertThatThrownBy(() -> t.row().set("amount", 0.1)).hasMessageContaining("Double");
        assertThatThrownBy(() -> t.row().set("colour", "x")).hasMessageContaining("colour");
        assertThat(t.rows()).isEmpty();
    }
}
