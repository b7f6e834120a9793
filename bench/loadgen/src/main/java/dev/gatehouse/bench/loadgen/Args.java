package dev.gatehouse.bench.loadgen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options; a repeated option keeps every value in order. */
record Args(Map<String, List<String>> values) {

    static Args parse(String[] argv) {
        Map<String, List<String>> m = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value at " + argv[i]);
            }
            m.computeIfAbsent(argv[i].substring(2), k -> new ArrayList<>()).add(argv[++i]);
        }
        return new Args(m);
    }

    String get(String name) {
        List<String> v = values.get(name);
        if (v == null) throw new IllegalArgumentException("--" + name + " is required");
        return v.getLast();
    }

    String get(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.getLast();
    }

    List<String> all(String name) { return values.getOrDefault(name, List.of()); }

    int integer(String name, int fallback) { return Integer.parseInt(get(name, Integer.toString(fallback))); }

    double decimal(String name, double fallback) { return Double.parseDouble(get(name, Double.toString(fallback))); }
}
