package dev.gatehouse.compliance.screening;

import java.util.List;

/**
 * A candidate match of a subject against one list entry.
 *
 * @param list        the entry's list, e.g. {@code OFAC-SDN}, {@code CSL:Entity List}
 * @param entryId     the entry's id (entity number) within its list
 * @param entryName   the entry's primary name
 * @param matchedName the entry's name or alias that matched best
 * @param subjectName the subject's name that matched
 * @param score       in [0, 1], after date-of-birth and nationality adjustments
 * @param explanation why: each token pair (exact, fuzzy with its Jaro-Winkler value, transliterated,
 *                    glossary, acronym) and each adjustment
 */
public record Hit(String list, String entryId, String entryName, EntryType entryType, String matchedName,
                  String subjectName, double score, Band band, List<String> explanation, List<String> programs) {
    public Hit {
        explanation = List.copyOf(explanation);
        programs = List.copyOf(programs);
    }
}
