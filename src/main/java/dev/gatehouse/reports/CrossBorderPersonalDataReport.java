package dev.gatehouse.reports;

import dev.gatehouse.policy.pii.SubjectCounter.Threshold;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Personal information sent to deployments outside mainland China (table {@code pi_transfers}),
 * per calendar year: subjects (distinct hashed identifiers) and records (one per subject per
 * request) by provider and kind, then each year's totals against the PIPL thresholds. The years
 * are whole calendar years, from the year of the period's first day to that of its last, as the
 * gateway recorded them with each transfer: the thresholds count from January 1.
 */
final class CrossBorderPersonalDataReport implements Report {
    static final String DETAIL = "detail";
    static final String YEAR_TOTAL = "year_total";

    private static final List<Column> COLUMNS = buildColumns();

    /** One provider and kind in one year. */
    private record Detail(String provider, String kind, boolean sensitive, long subjects, long records) {}

    /** A whole year: subjects and sensitive subjects distinct over it. */
    private record YearTotal(long subjects, long sensitiveSubjects, long records) {
        static final YearTotal NONE = new YearTotal(0, 0, 0);
    }

    private static List<Column> buildColumns() {
        List<Column> out = new ArrayList<>(List.of(
                new Column("year", "Calendar year of the transfers"),
                new Column("row_type", "detail (one provider and kind) or year_total (the whole year)"),
                new Column("provider", "The provider the data went to; empty on a year_total row"),
                new Column("kind", "What was detected: id_number, mobile, bank_card, email, passport, ip, name; empty on a year_total row"),
                new Column("sensitive", "Sensitive personal information (ID numbers, bank cards, passports); empty on a year_total row"),
                new Column("subjects", "Distinct subjects (salted hashes of identifiers); on a year_total row, distinct over the whole year"),
                new Column("sensitive_subjects", "Distinct subjects of sensitive personal information"),
                new Column("records", "Transfers: one per subject per request")));
        for (Threshold t : Threshold.values()) {
            out.add(new Column(fractionColumn(t), "year_total rows: the year's " + (t.sensitiveOnly() ? "sensitive subjects" : "subjects")
                    + " as a fraction of the PIPL threshold of " + t.people() + " people"));
        }
        out.add(new Column("thresholds_reached", "year_total rows: the thresholds the year has reached"));
        return List.copyOf(out);
    }

    @Override public String name() { return "cross-border-personal-data"; }

    @Override public String title() { return "Cross-border personal data report"; }

    @Override public String description() {
        return "Per calendar year, subjects and records of personal information sent to deployments outside mainland China,"
                + " by provider and kind, with the year's totals against the PIPL thresholds.";
    }

    @Override public PeriodUse period() { return PeriodUse.REQUIRED; }

    @Override public List<Column> columns() { return COLUMNS; }

    @Override
    public ReportTable run(ReportSource source, ReportRequest request) {
        int firstYear = request.period().from().getYear();
        int lastYear = request.period().to().getYear();
        ReportTable table = new ReportTable(COLUMNS);
        source.db().withConnection(c -> {
            Map<Integer, List<Detail>> details = details(c, firstYear, lastYear);
            Map<Integer, YearTotal> totals = totals(c, firstYear, lastYear);
            for (int year = firstYear; year <= lastYear; year++) {
                for (Detail d : details.getOrDefault(year, List.of())) {
                    ReportTable.Row row = table.row().set("year", year).set("row_type", DETAIL)
                            .set("provider", d.provider()).set("kind", d.kind()).set("sensitive", d.sensitive())
                            .set("subjects", d.subjects()).set("sensitive_subjects", d.sensitive() ? d.subjects() : 0L)
                            .set("records", d.records()).set("thresholds_reached", null);
                    for (Threshold t : Threshold.values()) row.set(fractionColumn(t), null);
                    row.add();
                }
                YearTotal y = totals.getOrDefault(year, YearTotal.NONE);
                ReportTable.Row total = table.row().set("year", year).set("row_type", YEAR_TOTAL)
                        .set("provider", null).set("kind", null).set("sensitive", null)
                        .set("subjects", y.subjects()).set("sensitive_subjects", y.sensitiveSubjects()).set("records", y.records());
                List<String> reached = new ArrayList<>();
                for (Threshold t : Threshold.values()) {
                    long count = t.sensitiveOnly() ? y.sensitiveSubjects() : y.subjects();
                    total.set(fractionColumn(t), Cells.fraction(count, t.people()));
                    if (count >= t.people()) reached.add(wire(t));
                }
                total.set("thresholds_reached", reached).add();
            }
            return null;
        });
        table.note("Years " + firstYear + (lastYear > firstYear ? " to " + lastYear : "") + ", whole calendar years as recorded with each"
                + " transfer (the PIPL thresholds count from January 1); the days of from and to only choose the years.");
        table.note("A subject is one distinct identifier (a salted hash, never the identifier itself): one person's phone number"
                + " and email address count as two, so the counts err towards alerting early.");
        table.note("PIPL thresholds per year: personal information of 100,000 people or sensitive personal information of"
                + " 10,000 people need a standard contract or certification; 1,000,000 people need a CAC security assessment.");
        return table;
    }

    /** Per year, in provider and kind order. */
    private static Map<Integer, List<Detail>> details(Connection c, int firstYear, int lastYear) throws SQLException {
        Map<Integer, List<Detail>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT transfer_year, provider, kind, sensitive,"
                + " COUNT(DISTINCT subject_hash), COUNT(*) FROM pi_transfers WHERE transfer_year BETWEEN ? AND ?"
                + " GROUP BY transfer_year, provider, kind, sensitive ORDER BY transfer_year, provider, kind, sensitive")) {
            ps.setInt(1, firstYear);
            ps.setInt(2, lastYear);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getInt(1), y -> new ArrayList<>()).add(
                            new Detail(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    private static Map<Integer, YearTotal> totals(Connection c, int firstYear, int lastYear) throws SQLException {
        Map<Integer, YearTotal> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT transfer_year, COUNT(DISTINCT subject_hash),"
                + " COUNT(DISTINCT CASE WHEN sensitive THEN subject_hash END), COUNT(*)"
                + " FROM pi_transfers WHERE transfer_year BETWEEN ? AND ? GROUP BY transfer_year")) {
            ps.setInt(1, firstYear);
            ps.setInt(2, lastYear);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getInt(1), new YearTotal(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return out;
    }

    private static String fractionColumn(Threshold t) { return "fraction_of_" + wire(t); }

    private static String wire(Threshold t) { return t.name().toLowerCase(Locale.ROOT); }
}
