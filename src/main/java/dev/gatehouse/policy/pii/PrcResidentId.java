package dev.gatehouse.policy.pii;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PRC resident identity card number (GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence, and a check character (0-9 or X) computed with ISO 7064 MOD 11-2.
 * A candidate counts only if the province code exists, the birth date is a real date between
 * 1900 and today, and the check character matches — so an 18-digit order number passes only by
 * accident of all three.
 */
public final class PrcResidentId implements PiiDetector {
    static final Pattern CANDIDATE = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83", "91");

    @Override
    public PiiKind kind() {
        return PiiKind.ID_NUMBER;
    }

    @Override
    public boolean mayMatch(TextProfile p) {
        return p.longestDigitRun() >= 17;
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        return RegexFindings.findAroundDigits(kind(), CANDIDATE, text, PrcResidentId::isValid);
    }

    /** True when {@code id} is an 18-character number with a known province, real birth date and correct check character. */
    public static boolean isValid(String id) {
        if (id.length() != 18 || !PROVINCES.contains(id.substring(0, 2))) {
            return false;
        }
        return hasRealBirthDate(id) && Character.toUpperCase(id.charAt(17)) == checkCharacter(id);
    }

    /** ISO 7064 MOD 11-2 check character for the first 17 digits. */
    public static char checkCharacter(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    private static boolean hasRealBirthDate(String id) {
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)), Integer.parseInt(id.substring(12, 14)));
            return birth.getYear() >= 1900 && !birth.isAfter(LocalDate.now());
        } catch (DateTimeException e) {
            return false;
        }
    }
}
