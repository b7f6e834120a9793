package dev.gatehouse.reports;

import dev.gatehouse.config.ComplianceConfig;
import dev.gatehouse.store.Database;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Running a report in a test and reading its rows as column-to-value maps. */
final class ReportRows {
    private ReportRows() {}

    static ReportResult run(Database db, String report, ReportPeriod period, Map<String, String> params) {
        return Reports.run(new ReportSource(db, ComplianceConfig.DEFAULTS, Clock.systemUTC()), report, new ReportRequest(period, params));
    }

    static ReportPeriod period(String from, String to) { return ReportPeriod.parse(from, to); }

    static List<Map<String, Object>> rows(ReportResult r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> row : r.table().rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) m.put(r.table().columns().get(i).name(), row.get(i));
            out.add(m);
        }
        return out;
    }

    /** An expected row: name, value, name, value, ...; values may be null. */
    static Map<String, Object> row(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }

    /** The named columns of each row, to compare a few columns of every row. */
    static List<Map<String, Object>> columns(ReportResult r, String... names) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> full : rows(r)) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String n : names) {
                if (!full.containsKey(n)) throw new AssertionError("no column " + n);
                m.put(n, full.get(n));
            }
            out.add(m);
        }
        return out;
    }
}
