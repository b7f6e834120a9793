package dev.gatehouse.cli;

import dev.gatehouse.compliance.screening.Hit;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Subject;
import dev.gatehouse.compliance.screening.SubjectKind;
import dev.gatehouse.compliance.screening.Thresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code gatehouse screen NAME}: the candidate hits of a name against the imported lists, with score, band and why. */
@Command(name = "screen", mixinStandardHelpOptions = true, description = "Screen a name against the imported restricted-party lists.")
public final class ScreenCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOptions options;
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "The name, then any other names (Latin or Chinese characters).")
    List<String> names;
    @Option(names = "--kind", description = "individual or entity (default: both readings).")
    String kind;
    @Option(names = "--country", description = "ISO country code of residence or registration, e.g. CN.")
    String country;
    @Option(names = "--dob", paramLabel = "YYYY-MM-DD", description = "A person's date of birth.")
    String dob;
    @Option(names = "--nationality", description = "A person's nationality, ISO code.")
    String nationality;
    @Option(names = "--review", description = "Review threshold (default: compliance.review_threshold of the config, 0.85 unless set).")
    Double review;
    @Option(names = "--block", description = "Block threshold (default: compliance.block_threshold of the config, 0.95 unless set).")
    Double block;

    @Override
    public Integer call() {
        return StoreRun.run(spec, options, (store, out) -> {
            Thresholds t;
            try {
                Thresholds configured = store.thresholds();
                t = new Thresholds(review != null ? review : configured.review(), block != null ? block : configured.block());
            } catch (IllegalArgumentException e) {
                throw new CliInputException("--review", e.getMessage());
            }
            Subject subject = new Subject(names, parseKind(), country == null ? null : country.toUpperCase(Locale.ROOT),
                    parseDob(), nationality == null ? null : nationality.toUpperCase(Locale.ROOT));
            ScreeningLists lists = store.screeningLists(t);
            if (lists.isEmpty()) {
                return StoreRun.fail(spec.commandLine().getErr(), StoreRun.NOT_FOUND, null,
                        "no screening lists in the store; import them first: gatehouse lists import --csl consolidated.csv --sdn SDN_DIR --un consolidated.xml");
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Hit h : lists.screen(subject).hits()) rows.add(view(h));
            if (out.json()) {
                out.table(rows, List.of());
            } else if (rows.isEmpty()) {
                out.note("no hits at or above " + t.review() + " (block " + t.block() + ")");
            } else {
                for (Map<String, Object> r : rows) {
                    out.out().printf(Locale.ROOT, "%.3f  %-6s  %s  %s  %s%n      matched: %s%n      why: %s%n", r.get("score"),
                            r.get("band"), r.get("list"), r.get("entry_id"), r.get("entry_name"), r.get("matched_name"),
                            String.join("; ", castList(r.get("explanation"))));
                }
                out.out().flush();
            }
            return StoreRun.OK;
        });
    }

    private SubjectKind parseKind() {
        try {
            return kind == null ? null : SubjectKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new CliInputException("--kind", e.getMessage());
        }
    }

    private LocalDate parseDob() {
        try {
            return dob == null ? null : LocalDate.parse(dob);
        } catch (DateTimeParseException e) {
            throw new CliInputException("--dob", "a date as YYYY-MM-DD, not " + dob);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) { return (List<String>) o; }

    private static Map<String, Object> view(Hit h) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("score", h.score());
        row.put("band", h.band().wire());
        row.put("list", h.list());
        row.put("entry_id", h.entryId());
        row.put("entry_name", h.entryName());
        row.put("entry_type", h.entryType().wire());
        row.put("matched_name", h.matchedName());
        row.put("subject_name", h.subjectName());
        row.put("programs", h.programs());
        row.put("explanation", h.explanation());
        return row;
    }
}
