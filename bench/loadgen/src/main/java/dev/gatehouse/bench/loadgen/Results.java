package dev.gatehouse.bench.loadgen;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's results file: one line per measurement, {@code kind TAB contender TAB key=value ...},
 * written by bench/run.sh (kinds: wrk, rate, stream, mem, idle). A measurement repeated in
 * several interleaved rounds (same kind, contender and target rate) reads as one row holding the
 * median of each number: a single 10-second run's p99 swings by a millisecond on a shared machine.
 * {@code rounds} keeps every line as it was, for figures where the worst round matters.
 */
record Results(List<Row> rows, List<Row> rounds) {

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
        return new Results(medians(rows), List.copyOf(rows));
    }

    /** Rows of one measurement (kind, contender, target rate) merged into one: the median of each number. */
    static List<Row> medians(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) groups.computeIfAbsent(r.kind + "\t" + r.contender + "\t" + r.values.get("target_rps"), k -> new ArrayList<>()).add(r);
        List<Row> out = new ArrayList<>();
        for (List<Row> group : groups.values()) {
            Row first = group.getFirst();
            if (group.size() == 1) {
                out.add(first);
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : first.values.keySet()) {
                if (!group.stream().allMatch(r -> r.has(key))) {
                    values.put(key, first.values.get(key));
                    continue;
                }
                double[] xs = group.stream().mapToDouble(r -> r.num(key)).sorted().toArray();
                double median = xs.length % 2 == 1 ? xs[xs.length / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
                values.put(key, BigDecimal.valueOf(median).stripTrailingZeros().toPlainString());
            }
            values.put("rounds", Integer.toString(group.size()));
            out.add(new Row(first.kind, first.contender, values));
        }
        return out;
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
