package dev.gatehouse.compliance.screening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.crypto.Sha256;
import org.apache.commons.csv.CSVFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trade.gov Consolidated Screening List, as {@code consolidated.csv} (28 columns, list-valued
 * cells joined by {@code "; "}) or {@code consolidated.json} (the same fields, lists as arrays).
 * Each entry's list is {@code CSL:} plus the source's name without its agency, e.g. {@code CSL:Entity List}.
 */
public final class CslImporter {
    public static final String LIST = "CSL";
    static final List<String> COLUMNS = List.of("source", "entity_number", "type", "programs", "name", "title",
            "addresses", "federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement",
            "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage", "vessel_flag",
            "vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships", "dates_of_birth",
            "nationalities", "places_of_birth", "source_information_url", "ids");
    private static final Pattern SOURCE = Pattern.compile("^(.*?)\\s*\\(([A-Za-z-]+)( List)?\\)");

    private CslImporter() {}

    /** Reads {@code consolidated.csv}; {@code date} is the list's date (the CSV carries none), null for the file's day. */
    public static ParsedList csv(Path path, String date, ImportProgress progress) {
        ListFile file = ListFile.read(path);
        List<CsvTable.Row> rows = CsvTable.read(file, CSVFormat.RFC4180, COLUMNS.size());
        if (rows.isEmpty() || !rows.getFirst().values().equals(COLUMNS)) {
            throw new ListFormatException(path.toString(), 1, "not the consolidated.csv header (expected " + String.join(",", COLUMNS) + ")");
        }
        Builder b = new Builder(progress);
        for (CsvTable.Row row : rows.subList(1, rows.size())) {
            Map<String, String> f = new HashMap<>();
            for (int i = 0; i < COLUMNS.size(); i++) f.put(COLUMNS.get(i), row.get(i));
            b.add(f.get("source"), f.get("entity_number"), f.get("type"), f.get("name"), split(f.get("alt_names")),
                    split(f.get("addresses")), split(f.get("dates_of_birth")),
                    concat(split(f.get("nationalities")), split(f.get("citizenships"))), split(f.get("programs")), f.get("remarks"));
        }
        return new ParsedList(LIST, date != null ? date : ListFile.modifiedDate(path), file.sha256(), path.toString(), b.entries);
    }

    /** Reads {@code consolidated.json}: {@code {"results": [ {...}, ... ]}} or a bare array. */
    public static ParsedList json(Path path, String date, ImportProgress progress) {
        ListFile file = ListFile.read(path);
        JsonNode root;
        try {
            root = Json.DOCUMENT.readTree(file.text());
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ListFormatException(path.toString(), line, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode results = root.isArray() ? root : root.path("results");
        if (!results.isArray()) throw new ListFormatException(path.toString(), 1, "expected a \"results\" array");
        Builder b = new Builder(progress);
        int n = 0;
        for (JsonNode r : results) {
            n++;
            if (!r.hasNonNull("name") || !r.hasNonNull("source")) {
                throw new ListFormatException(path.toString(), 0, "result " + n + " has no name or source");
            }
            List<String> countries = new ArrayList<>();
            for (JsonNode a : r.path("addresses")) countries.add(a.isObject() ? a.path("country").asText("") : a.asText());
            b.add(r.path("source").asText(), r.path("entity_number").asText(""), r.path("type").asText(""),
                    r.path("name").asText(), strings(r.path("alt_names")), countries, strings(r.path("dates_of_birth")),
                    concat(strings(r.path("nationalities")), strings(r.path("citizenships"))),
                    strings(r.path("programs")), r.path("remarks").asText(""));
        }
        return new ParsedList(LIST, date != null ? date : ListFile.modifiedDate(path), file.sha256(), path.toString(), b.entries);
    }

    /** A JSON value that is an array of strings or one {@code "; "}-joined string. */
    private static List<String> strings(JsonNode node) {
        if (node.isArray()) {
            List<String> out = new ArrayList<>();
            node.forEach(v -> { if (!v.asText("").isBlank()) out.add(v.asText().strip()); });
            return out;
        }
        return split(node.isMissingNode() || node.isNull() ? "" : node.asText());
    }

    static List<String> split(String cell) {
        if (cell == null || cell.isBlank()) return List.of();
        return Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(x -> !out.contains(x)).forEach(out::add);
        return out;
    }

    /** Turns rows into entries with ids unique within the list. */
    private static final class Builder {
        final List<ListEntry> entries = new ArrayList<>();
        final Map<String, Integer> seen = new HashMap<>();
        final ImportProgress progress;

        Builder(ImportProgress progress) { this.progress = progress; }

        void add(String source, String number, String type, String name, List<String> aliases, List<String> countries,
                 List<String> dobs, List<String> nationalities, List<String> programs, String remarks) {
            Matcher m = SOURCE.matcher(source);
            String listName = m.find() ? m.group(1) : source;
            String code = m.find(0) ? m.group(2) : "X";
            // BIS and State lists carry no entity number: a hash of what identifies the entry stands in
            String key = !number.isBlank() ? number
                    : "h" + Sha256.hex(source + "|" + name + "|" + String.join(";", countries)).substring(0, 12);
            String id = code + ":" + key;
            int dup = seen.merge(id, 1, Integer::sum);
            if (dup > 1) id = id + "-" + dup;
            entries.add(new ListEntry("CSL:" + listName, id, EntryType.parse(type), name, aliases,
                    countries.stream().map(Countries::code).distinct().toList(), dobs,
                    nationalities.stream().map(Countries::code).distinct().toList(), programs, remarks));
            if (entries.size() % 5000 == 0) progress.entriesRead(LIST, entries.size());
        }
    }
}
