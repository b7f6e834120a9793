package dev.gatehouse.policy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * ISO 3166-1 alpha-2 country codes as the policy writes them: the JDK's list of officially
 * assigned codes plus {@code XK} (Kosovo), which is user-assigned in ISO 3166 but used by the
 * European Commission, by IP registries and by providers' country lists. Nothing else is a
 * country here: no {@code EU}, no {@code UK}, no lower case on output.
 * <p>
 * ({@code compliance.screening.Countries} maps list-style country names to codes; this class only
 * validates codes, so the two do not overlap.)
 */
public final class CountryCodes {
    private static final Set<String> CODES = codes();

    private CountryCodes() {}

    /** Whether {@code alpha2} is exactly a known code, upper case ({@code "DE"} yes, {@code "de"} and {@code " DE"} no). */
    public static boolean valid(String alpha2) {
        return alpha2 != null && CODES.contains(alpha2);
    }

    /**
     * The code for {@code value} written loosely ({@code " de "} becomes {@code "DE"}); null stays
     * null (absence is the caller's business).
     *
     * @throws IllegalArgumentException when it is not a country code, naming the value
     */
    public static String normalise(String value) {
        if (value == null) return null;
        String code = value.strip().toUpperCase(Locale.ROOT);
        if (!CODES.contains(code)) {
            throw new IllegalArgumentException("'" + value.strip() + "' is not an ISO 3166-1 alpha-2 country code such as DE, CN or US");
        }
        return code;
    }

    /** Every known code (for listing in errors and docs). */
    public static Set<String> all() { return CODES; }

    private static Set<String> codes() {
        Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
        codes.add("XK");
        return Set.copyOf(codes);
    }
}
