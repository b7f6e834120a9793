package dev.gatehouse.compliance.screening;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Country names as the lists write them ("China", "Korea, North", "Burma") to ISO 3166 alpha-2 codes. */
final class Countries {
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (String code : Locale.getISOCountries()) {
            BY_NAME.put(key(Locale.of("", code).getDisplayCountry(Locale.ENGLISH)), code);
            BY_NAME.put(key(code), code);
        }
        String[][] extra = {
                {"Russia", "RU"}, {"Iran", "IR"}, {"Syria", "SY"}, {"Burma", "MM"}, {"Korea, North", "KP"},
                {"North Korea", "KP"}, {"Democratic People's Republic of Korea", "KP"}, {"Korea, South", "KR"},
                {"South Korea", "KR"}, {"Republic of Korea", "KR"}, {"Democratic Republic of the Congo", "CD"},
                {"Congo, Democratic Republic of the", "CD"}, {"Taiwan", "TW"}, {"Hong Kong", "HK"}, {"Macau", "MO"},
                {"Venezuela", "VE"}, {"Bolivia", "BO"}, {"Tanzania", "TZ"}, {"Laos", "LA"}, {"Vietnam", "VN"},
                {"Moldova", "MD"}, {"Palestinian", "PS"}, {"West Bank", "PS"}, {"Gaza", "PS"}, {"Turkey", "TR"},
                {"United States", "US"}, {"United Kingdom", "GB"}, {"Iran (Islamic Republic of)", "IR"},
                {"Syrian Arab Republic", "SY"}, {"Russian Federation", "RU"}, {"China, People's Republic of", "CN"}};
        for (String[] e : extra) BY_NAME.put(key(e[0]), e[1]);
    }

    private Countries() {}

    /** The ISO code of a country name or code, or the trimmed name itself where none is known. */
    static String code(String name) {
        if (name == null || name.isBlank()) return null;
        return BY_NAME.getOrDefault(key(name), name.strip());
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z,]+", " ").strip();
    }
}
