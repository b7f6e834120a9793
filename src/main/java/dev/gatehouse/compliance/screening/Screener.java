package dev.gatehouse.compliance.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Screens subjects against a fixed set of list entries (a snapshot: {@link ScreeningLists} builds a
 * new one after each import). Each subject name is normalised into its forms; the trigram index
 * proposes at most {@value #CANDIDATES} names per form; each is scored, the best name per entry
 * kept, then a person's date of birth and nationality raise or lower the score. Thread-safe.
 */
public final class Screener {
    static final int CANDIDATES = 300;
    static final double MIN_DICE = 0.2;
    static final double DOB_MATCH = 0.05, DOB_YEAR_MATCH = 0.02, DOB_CONTRADICTS = -0.20;
    static final double NATIONALITY_MATCH = 0.03, NATIONALITY_CONTRADICTS = -0.10, KIND_CONTRADICTS = -0.10;

    private final NameIndex index;
    private final Thresholds thresholds;

    private Screener(NameIndex index, Thresholds thresholds) {
        this.index = index;
        this.thresholds = thresholds;
    }

    public static Screener of(List<ListEntry> entries, Thresholds thresholds) {
        return new Screener(NameIndex.build(withSdnDetails(entries)), thresholds);
    }

    /**
     * The CSL's copies of SDN entries carry no dates of birth or nationalities; where OFAC's own
     * file is loaded too, its entry with the same entity number lends them, so a contradicting
     * date of birth lowers the CSL hit as well.
     */
    static List<ListEntry> withSdnDetails(List<ListEntry> entries) {
        Map<String, ListEntry> sdn = new HashMap<>();
        for (ListEntry e : entries) if (e.list().equals(SdnImporter.LIST)) sdn.put(e.id(), e);
        if (sdn.isEmpty()) return entries;
        List<ListEntry> out = new ArrayList<>(entries.size());
        for (ListEntry e : entries) {
            ListEntry o = e.id().startsWith("SDN:") && e.datesOfBirth().isEmpty() ? sdn.get(e.id().substring(4)) : null;
            out.add(o == null ? e : new ListEntry(e.list(), e.id(), e.type(), e.name(), e.aliases(), e.countries(),
                    o.datesOfBirth(), e.nationalities().isEmpty() ? o.nationalities() : e.nationalities(), e.programs(), e.remarks()));
        }
        return out;
    }

    public Thresholds thresholds() { return thresholds; }

    public Screener withThresholds(Thresholds t) { return new Screener(index, t); }

    /** How many entries and indexed names (primary names, aliases and their variants) are loaded. */
    public int entryCount() { return index.entries.size(); }

    public int nameCount() { return index.size(); }

    /** The loaded entry with this list and id (what a hit names), if any; a scan, for the rare hit, not per name. */
    public java.util.Optional<ListEntry> entry(String list, String id) {
        for (ListEntry e : index.entries) if (e.id().equals(id) && e.list().equals(list)) return java.util.Optional.of(e);
        return java.util.Optional.empty();
    }

    /** The hits at or above the review threshold, best first. */
    public ScreeningResult screen(Subject subject) {
        List<Hit> hits = candidates(subject, thresholds.review());
        return new ScreeningResult(subject, hits, hits.isEmpty() ? Band.NONE : hits.getFirst().band(), thresholds);
    }

    /** Every scored entry at or above {@code minScore}, best first (for measurement and the CLI's candidates). */
    public List<Hit> candidates(Subject subject, double minScore) {
        Map<Integer, Best> best = new HashMap<>();
        for (String name : subject.names()) {
            for (NameNormalizer.Form form : forms(name, subject.kind())) {
                float[] qw = index.weights(form.tokens().toArray(String[]::new));
                int[] names = NameScorer.isAcronym(form.tokens())
                        ? index.exact(form.joined())
                        : concat(index.candidates(form.tokens(), CANDIDATES, MIN_DICE), index.exact(form.joined()));
                for (int n : names) {
                    NameScorer.Match m = NameScorer.score(form, qw, index, n);
                    if (m.score() <= 0) continue;
                    Best b = best.get(index.entryOf[n]);
                    if (b == null || m.score() > b.match.score()) best.put(index.entryOf[n], new Best(name, form, n, m));
                }
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (var e : best.entrySet()) {
            Hit h = hit(subject, index.entries.get(e.getKey()), e.getValue());
            if (h.score() >= minScore) hits.add(h);
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::list).thenComparing(Hit::entryId));
        return hits;
    }

    private record Best(String subjectName, NameNormalizer.Form form, int name, NameScorer.Match match) {}

    private static List<NameNormalizer.Form> forms(String name, SubjectKind kind) {
        if (kind != null) return NameNormalizer.forms(name, kind == SubjectKind.INDIVIDUAL);
        List<NameNormalizer.Form> out = new ArrayList<>(NameNormalizer.forms(name, false));
        for (NameNormalizer.Form f : NameNormalizer.forms(name, true)) {
            if (out.stream().noneMatch(o -> o.tokens().equals(f.tokens()))) out.add(f);
        }
        return out;
    }

    private Hit hit(Subject s, ListEntry entry, Best b) {
        List<String> why = new ArrayList<>(b.form().notes());
        why.addAll(b.match().why());
        double score = b.match().score();
        if (entry.type() == EntryType.INDIVIDUAL) {
            if (s.kind() == SubjectKind.ENTITY) {
                score += KIND_CONTRADICTS;
                why.add(String.format(Locale.ROOT, "entry is an individual, subject an entity (%+.2f)", KIND_CONTRADICTS));
            }
            if (s.dateOfBirth() != null && !entry.datesOfBirth().isEmpty()) {
                double d = dobEffect(s.dateOfBirth(), entry.datesOfBirth());
                score += d;
                why.add(String.format(Locale.ROOT, "date of birth %s %s entry's %s (%+.2f)", s.dateOfBirth(),
                        d < 0 ? "contradicts" : "agrees with", String.join(", ", entry.datesOfBirth()), d));
            }
            if (s.nationality() != null && !entry.nationalities().isEmpty()) {
                boolean same = entry.nationalities().stream().anyMatch(n -> n.equalsIgnoreCase(s.nationality()));
                double d = same ? NATIONALITY_MATCH : NATIONALITY_CONTRADICTS;
                score += d;
                why.add(String.format(Locale.ROOT, "nationality %s %s entry's %s (%+.2f)", s.nationality(),
                        same ? "agrees with" : "contradicts", String.join(", ", entry.nationalities()), d));
            }
        }
        if (s.country() != null && entry.countries().stream().anyMatch(c -> c.equalsIgnoreCase(s.country()))) {
            why.add("country " + s.country().toUpperCase(Locale.ROOT) + " among the entry's countries");
        }
        score = Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000.0;
        return new Hit(entry.list(), entry.id(), entry.name(), entry.type(), index.display[b.name()], b.subjectName(),
                score, thresholds.band(score), why, entry.programs());
    }

    /** A full date that equals one of the entry's raises the score; a year (or month) that agrees raises it less; otherwise it contradicts. */
    static double dobEffect(LocalDate dob, List<String> entryDobs) {
        String full = dob.toString();
        double best = DOB_CONTRADICTS;
        for (String d : entryDobs) {
            if (d.equals(full)) return DOB_MATCH;
            if (d.length() < 10 && full.startsWith(d)) best = DOB_YEAR_MATCH;
        }
        return best;
    }

    private static int[] concat(int[] a, int[] b) {
        if (b.length == 0) return a;
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
