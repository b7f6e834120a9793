package dev.gatehouse.compliance.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every name and alias of the loaded lists, normalised, with a character-trigram inverted index
 * (trigrams of each token, padded at its ends) to find the few hundred names worth scoring, and a
 * map of joined forms for exact (acronym) look-ups. Token weights are inverse document
 * frequencies, so "technology" counts less than "huawei". Immutable once built.
 */
final class NameIndex {
    private static final Pattern PARENS = Pattern.compile("\\(([^()]*)\\)");
    private static final String AFFILIATE = "Affiliated Entity:";

    final List<ListEntry> entries;
    final int[] entryOf;
    final String[] display;
    final String[][] tokens;
    final float[][] weights;
    final String[] joined;
    private final int[] gramCount;
    private final Map<String, int[]> postings;
    private final Map<String, int[]> byJoined;
    private final Map<String, Float> idf;
    private final float unknownIdf;

    private NameIndex(List<ListEntry> entries, List<Integer> entryOf, List<String> display, List<NameNormalizer.Form> forms) {
        this.entries = List.copyOf(entries);
        int n = forms.size();
        this.entryOf = entryOf.stream().mapToInt(Integer::intValue).toArray();
        this.display = display.toArray(String[]::new);
        this.tokens = new String[n][];
        this.joined = new String[n];
        this.gramCount = new int[n];
        Map<String, Integer> df = new HashMap<>();
        Map<String, List<Integer>> grams = new HashMap<>();
        Map<String, List<Integer>> joinedIds = new HashMap<>();
        for (int i = 0; i < n; i++) {
            NameNormalizer.Form f = forms.get(i);
            tokens[i] = f.tokens().toArray(String[]::new);
            joined[i] = f.joined();
            joinedIds.computeIfAbsent(f.joined(), k -> new ArrayList<>()).add(i);
            new LinkedHashSet<>(f.tokens()).forEach(t -> df.merge(t, 1, Integer::sum));
            Set<String> g = grams(f.tokens());
            gramCount[i] = g.size();
            for (String gram : g) grams.computeIfAbsent(gram, k -> new ArrayList<>()).add(i);
        }
        this.postings = toArrays(grams);
        this.byJoined = toArrays(joinedIds);
        this.idf = new HashMap<>();
        df.forEach((t, d) -> idf.put(t, (float) Math.log(1.0 + (double) n / d)));
        this.unknownIdf = (float) Math.log(1.0 + n);
        this.weights = new float[n][];
        for (int i = 0; i < n; i++) weights[i] = weights(tokens[i]);
    }

    static NameIndex build(List<ListEntry> entries) {
        List<Integer> entryOf = new ArrayList<>();
        List<String> display = new ArrayList<>();
        List<NameNormalizer.Form> forms = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            ListEntry entry = entries.get(e);
            boolean person = entry.type() == EntryType.INDIVIDUAL;
            for (String name : entry.allNames()) {
                for (String variant : variants(name)) {
                    for (NameNormalizer.Form f : NameNormalizer.forms(variant, person)) {
                        entryOf.add(e);
                        display.add(name);
                        forms.add(f);
                    }
                }
            }
        }
        return new NameIndex(entries, entryOf, display, forms);
    }

    int size() { return tokens.length; }

    float[] weights(String[] toks) {
        float[] w = new float[toks.length];
        for (int i = 0; i < toks.length; i++) w[i] = idf.getOrDefault(toks[i], unknownIdf);
        return w;
    }

    /** Names whose joined form equals {@code joined} exactly. */
    int[] exact(String joined) {
        return byJoined.getOrDefault(joined, new int[0]);
    }

    /** Up to {@code limit} names sharing the most trigrams with the query (Dice coefficient at least {@code minDice}). */
    int[] candidates(List<String> queryTokens, int limit, double minDice) {
        Set<String> q = grams(queryTokens);
        int[] counts = new int[tokens.length];
        int[] touched = new int[64];
        int t = 0;
        for (String g : q) {
            int[] p = postings.get(g);
            if (p == null) continue;
            for (int id : p) {
                if (counts[id]++ == 0) {
                    if (t == touched.length) touched = Arrays.copyOf(touched, t * 2);
                    touched[t++] = id;
                }
            }
        }
        double[] best = new double[t];
        int[] ids = new int[t];
        int k = 0;
        for (int i = 0; i < t; i++) {
            int id = touched[i];
            double dice = 2.0 * counts[id] / (q.size() + gramCount[id]);
            if (dice >= minDice) {
                ids[k] = id;
                best[k++] = dice;
            }
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(best[b], best[a]));
        int m = Math.min(limit, k);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) out[i] = ids[order[i]];
        return out;
    }

    /**
     * The names a list name is indexed under: the EL's "Parent (P). Affiliated Entity: Child" as the
     * child; "Name (ACRONYM)" as the name without the parenthesis, with it inline, and the acronym alone.
     */
    static List<String> variants(String name) {
        String n = name;
        int aff = n.indexOf(AFFILIATE);
        if (aff >= 0) n = n.substring(aff + AFFILIATE.length()).strip();
        Set<String> out = new LinkedHashSet<>();
        Matcher m = PARENS.matcher(n);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (!m.group(1).isBlank()) out.add(m.group(1).strip());
        }
        if (any) {
            out.add(PARENS.matcher(n).replaceAll(" ").replaceAll("\\s+", " ").strip());
            out.add(n.replace("(", " ").replace(")", " ").replaceAll("\\s+", " ").strip());
        } else {
            out.add(n);
        }
        out.removeIf(String::isBlank);
        return List.copyOf(out);
    }

    static Set<String> grams(List<String> toks) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : toks) {
            String p = "^" + t + "$";
            if (p.length() <= 3) out.add(p);
            for (int i = 0; i + 3 <= p.length(); i++) out.add(p.substring(i, i + 3));
        }
        return out;
    }

    private static Map<String, int[]> toArrays(Map<String, List<Integer>> lists) {
        Map<String, int[]> out = new HashMap<>(lists.size() * 2);
        lists.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }
}
