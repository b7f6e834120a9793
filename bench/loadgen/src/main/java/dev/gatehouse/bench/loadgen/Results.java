package dev.gatehouse.bench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's results file: one line per measurement, {@code kind TAB contender TAB key=value ...},
 * written by bench/run.sh (kinds: wrk, rate, stream, mem, idle).
 */
record Results(List<Row> rows) {

    record Row(String kind, String contender, Map<String, String> values) {
        double num(String key) {
            String v = values.get(key);
            if (v == null) throw new IllegalStateException(kind + " " + contender + ": no " + key);
            return Double.parseDouble(v);
        }

        boolean has(String key) {
            String v = values.get(key);
            if (v == null) return false;
            try { Double.parseDouble(v); return true; } catch (NumberFormatException e) { return false; }
        }
    }

    static Results read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split("\t");
            Map<String, String> values = new LinkedHashMap<>();
            if (parts.length > 2) {
                for (String kv : parts[2].trim().split("\\s+")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) values.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            rows.add(new Row(parts[0], parts[1], values));
        }
        return new Results(rows);
    }

    Row find(String kind, String contender) {
        for (Row r : rows) if (r.kind.equals(kind) && r.contender.equals(contender)) return r;
        return null;
    }

    Row findRate(String contender, double rate) {
        for (Row r : rows) {
            if (r.kind.equals("rate") && r.contender.equals(contender) && r.has("target_rps") && r.num("target_rps") == rate) return r;
        }
        return null;
    }

    List<Double> rates() {
        return rows.stream().filter(r -> r.kind.equals("rate") && r.has("target_rps")).map(r -> r.num("target_rps"))
                .distinct().sorted().toList();
    }
}
