package dev.gatehouse.compliance.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores a query form against one indexed name: tokens paired greedily by similarity (exact 1,
 * fuzzy the square of their Jaro-Winkler value when it is at least {@value #FUZZY}), weighted by
 * rarity (weighted Dice, so unpaired tokens on either side lower the score), word order ignored.
 * Syllables written together or apart ("Huawei" / "Hua Wei") meet through the joined forms.
 * Short acronyms (one token of at most {@value #ACRONYM} letters) match only exactly.
 */
final class NameScorer {
    static final double FUZZY = 0.90;
    static final int ACRONYM = 5;
    static final double JOINED_EXACT = 0.97;

    record Match(double score, List<String> why) {}

    private NameScorer() {}

    static Match score(NameNormalizer.Form q, float[] qw, NameIndex index, int name) {
        String[] c = index.tokens[name];
        float[] cw = index.weights[name];
        List<String> qt = q.tokens();
        if (isAcronym(qt) || (c.length == 1 && c[0].length() <= ACRONYM)) {
            return q.joined().equals(index.joined[name])
                    ? new Match(1.0, List.of("acronym/short name '" + q.joined().toUpperCase(Locale.ROOT) + "' exact"))
                    : new Match(0, List.of());
        }
        int n = qt.size(), m = c.length;
        double[][] sim = new double[n][m];
        double[][] jwv = new double[n][m];
        for (int i = 0; i < n; i++) {
            String a = qt.get(i);
            for (int j = 0; j < m; j++) {
                String b = c[j];
                if (a.equals(b)) { sim[i][j] = 1; continue; }
                if (a.length() <= 3 || b.length() <= 3) continue;
                double jw = JaroWinkler.similarity(a, b);
                jwv[i][j] = jw;
                if (jw >= FUZZY) sim[i][j] = jw * jw;
            }
        }
        boolean[] qu = new boolean[n], cu = new boolean[m];
        double matched = 0, total = 0;
        for (float w : qw) total += w;
        for (float w : cw) total += w;
        List<String> why = new ArrayList<>();
        while (true) { // greedy: the best remaining pair first
            int bi = -1, bj = -1;
            double best = 0;
            for (int i = 0; i < n; i++) {
                if (qu[i]) continue;
                for (int j = 0; j < m; j++) if (!cu[j] && sim[i][j] > best) { best = sim[i][j]; bi = i; bj = j; }
            }
            if (bi < 0) break;
            qu[bi] = cu[bj] = true;
            matched += best * (qw[bi] + cw[bj]);
            why.add(best == 1 ? qt.get(bi) + "=" + c[bj] + " exact"
                    : String.format(Locale.ROOT, "%s~%s fuzzy (Jaro-Winkler %.3f)", qt.get(bi), c[bj], jwv[bi][bj]));
        }
        for (int i = 0; i < n; i++) if (!qu[i]) why.add(qt.get(i) + " unmatched");
        for (int j = 0; j < m; j++) if (!cu[j]) why.add(c[j] + " (list) unmatched");
        double score = total == 0 ? 0 : matched / total;
        String cj = index.joined[name];
        if (score < JOINED_EXACT && q.joined().length() >= 6 && cj.length() >= 6) {
            if (q.joined().equals(cj)) {
                return new Match(JOINED_EXACT, List.of("'" + cj + "' equal when syllables are joined"));
            }
            // fuzzy on joined forms only where the sides split syllables differently ("Hua Wei" / "Huawai")
            double jw = qt.size() == m ? 0 : JaroWinkler.similarity(q.joined(), cj);
            if (jw >= 0.95 && jw * 0.96 > score) {
                return new Match(jw * 0.96, List.of(String.format(Locale.ROOT, "'%s'~'%s' joined, fuzzy (Jaro-Winkler %.3f)", q.joined(), cj, jw)));
            }
        }
        return new Match(score, why);
    }

    static boolean isAcronym(List<String> tokens) {
        return tokens.size() == 1 && tokens.getFirst().length() <= ACRONYM;
    }
}
