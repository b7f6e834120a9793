package dev.gatehouse.compliance.screening;

import com.ibm.icu.text.Transliterator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Readings of a name written in Chinese characters, in Latin letters as the lists write Chinese
 * names: the common words of company names translated with the glossary ({@code screening/glossary.tsv}),
 * legal forms dropped, the other characters in pinyin (ICU {@code Han-Latin}) with the syllables of
 * a word joined ("华为" → "huawei"). A person's name is family name first, given name joined
 * ("李方伟" → "li fangwei").
 */
final class ChineseNames {
    /** One reading and how it was made, for the hit's explanation. */
    record Reading(String text, List<String> notes) {}

    private static final ThreadLocal<Transliterator> PINYIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII"));
    private static final Map<String, String> GLOSSARY = loadGlossary();
    private static final int LONGEST = GLOSSARY.keySet().stream().mapToInt(String::length).max().orElse(1);
    private static final Set<String> COMPOUND_SURNAMES = Set.of("欧阳", "司马", "诸葛", "上官", "司徒", "东方", "慕容", "夏侯", "皇甫", "尉迟", "公孙", "令狐");

    private ChineseNames() {}

    static boolean hasHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    /** A word of a name: glossary English (null for none, "" for a dropped legal form) and its pinyin syllables. */
    private record Piece(String han, String english, List<String> syllables, String latin) {}

    static List<Reading> readings(String name, boolean person) {
        List<Piece> pieces = pieces(name);
        boolean anyGlossary = pieces.stream().anyMatch(p -> p.english() != null && !p.english().isEmpty());
        Set<Reading> out = new LinkedHashSet<>();
        long hanPieces = pieces.stream().filter(p -> p.han() != null).count();
        Piece only = hanPieces == 1 ? pieces.stream().filter(p -> p.han() != null).findFirst().orElseThrow() : null;
        boolean looksLikePerson = only != null && only.english() == null && only.syllables().size() >= 2 && only.syllables().size() <= 4;
        if (person || (looksLikePerson && !anyGlossary)) {
            if (only != null && only.english() == null) {
                int family = COMPOUND_SURNAMES.contains(only.han().substring(0, Math.min(2, only.han().length()))) ? 2 : 1;
                List<String> s = only.syllables();
                String text = String.join("", s.subList(0, family)) + " " + String.join("", s.subList(family, s.size()));
                out.add(new Reading(text, List.of(only.han() + "→" + text + " (pinyin, family name first)")));
            }
        }
        if (!person) {
            out.add(reading(pieces, true));
            if (anyGlossary) out.add(reading(pieces, false));
        }
        return List.copyOf(out);
    }

    /** With {@code translate}, glossary words become English; else every word stays pinyin (as lists also write them). */
    private static Reading reading(List<Piece> pieces, boolean translate) {
        List<String> words = new ArrayList<>(), notes = new ArrayList<>();
        for (Piece p : pieces) {
            if (p.han() == null) {
                words.add(p.latin());
            } else if (p.english() != null && p.english().isEmpty()) {
                notes.add(p.han() + " dropped (legal form)");
            } else if (p.english() != null && translate) {
                words.add(p.english());
                notes.add(p.han() + "→" + p.english() + " (glossary)");
            } else {
                String word = p.english() != null ? String.join("", p.syllables()) : String.join(" ", chunks(p.syllables()));
                words.add(word);
                notes.add(p.han() + "→" + word + " (transliterated)");
            }
        }
        return new Reading(String.join(" ", words), notes);
    }

    /** Joins syllables into words of two (most brand and place names are two characters): 海康威视 → haikang weishi. */
    private static List<String> chunks(List<String> syllables) {
        if (syllables.size() <= 3) return List.of(String.join("", syllables));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < syllables.size(); i += 2) {
            int end = Math.min(syllables.size(), i + 2);
            if (syllables.size() - end == 1) end++; // an odd last syllable joins the word before it
            out.add(String.join("", syllables.subList(i, end)));
            i = end - 2;
        }
        return out;
    }

    private static List<Piece> pieces(String name) {
        List<Piece> out = new ArrayList<>();
        StringBuilder run = new StringBuilder(), latin = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            int cp = name.codePointAt(i);
            if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
                flushRun(run, out);
                latin.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            if (!latin.isEmpty()) {
                if (!latin.toString().isBlank()) out.add(new Piece(null, null, List.of(), latin.toString()));
                latin.setLength(0);
            }
            String word = null;
            for (int len = Math.min(LONGEST, name.length() - i); len >= 2; len--) {
                if (GLOSSARY.containsKey(name.substring(i, i + len))) {
                    word = name.substring(i, i + len);
                    break;
                }
            }
            if (word == null) {
                run.appendCodePoint(cp);
                i += Character.charCount(cp);
            } else {
                flushRun(run, out);
                out.add(new Piece(word, GLOSSARY.get(word), syllables(word), null));
                i += word.length();
            }
        }
        flushRun(run, out);
        if (!latin.toString().isBlank()) out.add(new Piece(null, null, List.of(), latin.toString()));
        return out;
    }

    private static void flushRun(StringBuilder run, List<Piece> out) {
        if (run.isEmpty()) return;
        out.add(new Piece(run.toString(), null, syllables(run.toString()), null));
        run.setLength(0);
    }

    /** Pinyin syllables, one per character; the whole word is transliterated at once so ICU can use its context. */
    static List<String> syllables(String han) {
        String latin = PINYIN.get().transliterate(han).toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").strip();
        List<String> parts = List.of(latin.split("\\s+"));
        if (parts.size() == han.codePointCount(0, han.length())) return parts;
        List<String> out = new ArrayList<>();
        han.codePoints().forEach(cp -> out.add(PINYIN.get().transliterate(new String(Character.toChars(cp)))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")));
        return out;
    }

    private static Map<String, String> loadGlossary() {
        Map<String, String> g = new HashMap<>();
        try (InputStream in = ChineseNames.class.getResourceAsStream("/screening/glossary.tsv")) {
            if (in == null) throw new IllegalStateException("screening/glossary.tsv is missing from the class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] kv = line.split("\t");
                g.put(kv[0].strip(), kv[1].strip().equals("-") ? "" : kv[1].strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(g);
    }
}
