package dev.gatehouse.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;

import java.util.List;

/**
 * A report as one JSON object: {@code report}, {@code title}, {@code period} ({@code from} and
 * {@code to} inclusive dates, {@code start} and {@code end} the UTC instants, end exclusive; null
 * when the report took none), {@code generated_at}, {@code parameters}, {@code notes},
 * {@code columns} (names in order) and {@code rows} (one object per row, keyed by column).
 */
final class ReportJson {
    private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter()
            .with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ReportJson() {}

    static String render(ReportResult result) {
        ReportTable table = result.table();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("report", result.report());
        out.put("title", result.title());
        if (result.period() == null) {
            out.putNull("period");
        } else {
            out.putObject("period").put("from", result.period().from().toString()).put("to", result.period().to().toString())
                    .put("start", result.period().start().toString()).put("end", result.period().end().toString());
        }
        out.put("generated_at", result.generatedAt().toString());
        ObjectNode params = out.putObject("parameters");
        table.parameters().forEach((k, v) -> params.set(k, Cells.json(v)));
        ArrayNode notes = out.putArray("notes");
        table.notes().forEach(notes::add);
        ArrayNode columns = out.putArray("columns");
        table.columns().forEach(c -> columns.add(c.name()));
        ArrayNode rows = out.putArray("rows");
        for (List<Object> row : table.rows()) {
            ObjectNode o = rows.addObject();
            for (int i = 0; i < row.size(); i++) o.set(table.columns().get(i).name(), Cells.json(row.get(i)));
        }
        try {
            return WRITER.writeValueAsString(out) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
