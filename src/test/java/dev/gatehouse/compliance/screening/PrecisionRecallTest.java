package dev.gatehouse.compliance.screening;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Precision and recall on src/test/resources/screening/labelled.csv (described in docs/screening.md).
 * A row is predicted positive when its best hit reaches the threshold; a positive is true when the
 * row expects a match and the expected entry is among the hits at that threshold.
 */
class PrecisionRecallTest {
    record Row(Subject subject, boolean match, String entry, String category) {}

    static List<Row> rows = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (Reader r = Files.newBufferedReader(Path.of("src/test/resources/screening/labelled.csv"))) {
            for (CSVRecord c : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                Subject s = new Subject(List.of(c.get("name")), SubjectKind.parse(c.get("kind")), null,
                        c.get("dob").isEmpty() ? null : LocalDate.parse(c.get("dob")),
                        c.get("nationality").isEmpty() ? null : c.get("nationality"));
                rows.add(new Row(s, c.get("expected").equals("match"), c.get("entry"), c.get("category")));
            }
        }
    }

    record Figures(int tp, int fp, int fn, int tn, List<String> misses) {
        double precision() { return tp + fp == 0 ? 1 : (double) tp / (tp + fp); }
        double recall() { return (double) tp / (tp + fn); }
    }

    static Figures measure(double threshold) {
        Screener s = RealLists.screener();
        int tp = 0, fp = 0, fn = 0, tn = 0;
        List<String> misses = new ArrayList<>();
        for (Row row : rows) {
            List<Hit> hits = s.candidates(row.subject(), threshold);
            boolean found = hits.stream().anyMatch(h -> (h.entryName() + "|" + h.matchedName()).toLowerCase(Locale.ROOT)
                    .contains(row.entry().toLowerCase(Locale.ROOT)));
            if (row.match()) {
                if (found) tp++;
                else { fn++; misses.add("missed " + row); }
                if (!found && !hits.isEmpty()) fp++;
            } else if (hits.isEmpty()) {
                tn++;
            } else {
                fp++;
                misses.add("false hit " + row.subject().names() + " → " + hits.getFirst().entryName() + " " + hits.getFirst().score());
            }
        }
        return new Figures(tp, fp, fn, tn, misses);
    }

    @Test
    void should_find_nearly_every_listed_party_at_the_review_threshold() {
        Figures f = measure(Thresholds.DEFAULTS.review());
        System.out.printf(Locale.ROOT, "review %.2f: rows %d, precision %.3f, recall %.3f (tp %d fp %d fn %d tn %d)%n%s%n",
                Thresholds.DEFAULTS.review(), rows.size(), f.precision(), f.recall(), f.tp(), f.fp(), f.fn(), f.tn(), String.join("\n", f.misses()));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(150);
        assertThat(f.recall()).isGreaterThanOrEqualTo(0.90);
        assertThat(f.precision()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void should_block_only_what_is_almost_certainly_listed() {
        Figures f = measure(Thresholds.DEFAULTS.block());
        System.out.printf(Locale.ROOT, "block %.2f: precision %.3f, recall %.3f (tp %d fp %d fn %d tn %d)%n%s%n",
                Thresholds.DEFAULTS.block(), f.precision(), f.recall(), f.tp(), f.fp(), f.fn(), f.tn(), String.join("\n", f.misses()));
        assertThat(f.precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(f.recall()).isGreaterThanOrEqualTo(0.70);
    }
}
