package dev.gatehouse.compliance.screening;

import com.ibm.icu.text.Transliterator;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a name as written into the comparable tokens both sides of a match share: ASCII, lower
 * case, no punctuation, abbreviations expanded ({@code Intl} → international), plurals folded,
 * stop words and legal forms ({@code Co., Ltd.}, {@code GmbH}, {@code JSC}) removed. Names with
 * Chinese characters go through {@link ChineseNames} first. Stateless and thread-safe.
 */
final class NameNormalizer {
    /** A comparable form of a name: its tokens, their concatenation, and how it was derived. */
    record Form(List<String> tokens, String joined, List<String> notes) {
        Form {
            tokens = List.copyOf(tokens);
            notes = List.copyOf(notes);
        }
    }

    private static final ThreadLocal<Transliterator> TO_ASCII =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

    static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("intl", "international"), Map.entry("int'l", "international"), Map.entry("corp", "corporation"),
            Map.entry("tech", "technology"), Map.entry("mfg", "manufacturing"), Map.entry("co", "company"),
            Map.entry("ltd", "limited"), Map.entry("inc", "incorporated"), Map.entry("univ", "university"),
            Map.entry("inst", "institute"), Map.entry("natl", "national"), Map.entry("dev", "development"),
            Map.entry("elec", "electronic"), Map.entry("eng", "engineering"), Map.entry("grp", "group"),
            Map.entry("hldg", "holding"), Map.entry("hldgs", "holding"), Map.entry("assn", "association"),
            Map.entry("svc", "service"), Map.entry("svcs", "service"), Map.entry("ind", "industry"),
            Map.entry("tel", "telecom"), Map.entry("telecommunication", "telecom"), Map.entry("mgmt", "management"),
            Map.entry("technologies", "technology"), Map.entry("electronics", "electronic"),
            Map.entry("industries", "industry"), Map.entry("industrial", "industry"), Map.entry("sciences", "science"),
            Map.entry("communications", "communication"), Map.entry("centre", "center"));
    private static final Set<String> STOP = Set.of("and", "of", "the", "for", "de", "du", "des", "la", "y", "et");
    private static final Set<String> LEGAL = Set.of("company", "limited", "incorporated", "corporation", "llc", "gmbh",
            "sa", "ag", "plc", "jsc", "ojsc", "pjsc", "cjsc", "ooo", "oao", "zao", "pao", "llp", "bv", "nv", "srl",
            "spa", "pte", "pty", "bhd", "sarl", "sas", "kft", "ltda", "gongsi", "lda", "sdn", "fze", "fzco", "fzc");
    private static final List<List<String>> LEGAL_PHRASES = List.of(
            List.of("public", "joint", "stock", "company"), List.of("open", "joint", "stock", "company"),
            List.of("closed", "joint", "stock", "company"), List.of("joint", "stock", "company"),
            List.of("limited", "liability", "company"), List.of("limited", "liability", "partnership"),
            List.of("sociedad", "anonima"), List.of("gufen", "youxian", "gongsi"), List.of("youxian", "gongsi"),
            List.of("youxian", "zeren", "gongsi"), List.of("private", "limited"),
            List.of("obshchestvo", "s", "ogranichennoi", "otvetstvennostyu"), List.of("aktsionernoe", "obshchestvo"));

    private NameNormalizer() {}

    /** The forms of a name: one for a Latin name, up to three (translated, pinyin, person) for Chinese characters. */
    static List<Form> forms(String name, boolean person) {
        String text = Normalizer.normalize(name, Normalizer.Form.NFKC);
        if (ChineseNames.hasHan(text)) {
            List<Form> out = new ArrayList<>();
            for (ChineseNames.Reading r : ChineseNames.readings(text, person)) {
                Form f = latin(r.text(), r.notes());
                if (!f.tokens().isEmpty() && out.stream().noneMatch(o -> o.tokens().equals(f.tokens()))) out.add(f);
            }
            return out;
        }
        Form f = latin(text, List.of());
        return f.tokens().isEmpty() ? List.of() : List.of(f);
    }

    static Form latin(String text, List<String> notes) {
        String ascii = isAscii(text) ? text : TO_ASCII.get().transliterate(text);
        String cleaned = ascii.toLowerCase(Locale.ROOT)
                .replace("&", " and ")
                .replaceAll("['’`]", "")
                .replaceAll("(?<=\\b\\p{Alnum})\\.(?=\\p{Alnum}\\b)", "") // s.a. -> sa, u.s. -> us
                .replaceAll("[^a-z0-9]+", " ")
                .strip();
        if (cleaned.isEmpty()) return new Form(List.of(), "", notes);
        List<String> tokens = new ArrayList<>();
        for (String t : cleaned.split(" ")) {
            String expanded = ABBREVIATIONS.getOrDefault(t, t);
            for (String e : expanded.split(" ")) if (!STOP.contains(e)) tokens.add(stem(e));
        }
        List<String> kept = dropLegalForms(tokens);
        if (kept.isEmpty()) kept = tokens; // a name that is only a legal form stays as it is
        return new Form(kept, String.join("", kept), notes);
    }

    private static List<String> dropLegalForms(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens);
        for (List<String> phrase : LEGAL_PHRASES) {
            for (int i = 0; i + phrase.size() <= out.size(); i++) {
                if (out.subList(i, i + phrase.size()).equals(phrase)) {
                    out.subList(i, i + phrase.size()).clear();
                    i--;
                }
            }
        }
        out.removeIf(LEGAL::contains);
        return out;
    }

    /** Folds English plurals so "Technologies" meets "Technology"; applied alike to both sides. */
    static String stem(String t) {
        if (t.length() > 5 && t.endsWith("ies")) return t.substring(0, t.length() - 3) + "y";
        if (t.length() > 4 && t.endsWith("s") && !t.endsWith("ss") && !t.endsWith("us") && !t.endsWith("is")) {
            return t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 127) return false;
        return true;
    }
}
