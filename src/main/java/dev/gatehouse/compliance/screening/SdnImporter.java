package dev.gatehouse.compliance.screening;

import dev.gatehouse.crypto.Sha256;
import org.apache.commons.csv.CSVFormat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OFAC's legacy SDN files: {@code sdn.csv} (12 columns), optionally {@code alt.csv} (aliases,
 * 5 columns) and {@code add.csv} (addresses, 6 columns). No header; {@code -0-} means empty.
 * Dates of birth, nationalities and remarks' {@code a.k.a. 'X'} aliases are read from the remarks.
 */
public final class SdnImporter {
    public static final String LIST = "OFAC-SDN";
    private static final String EMPTY = "-0-";
    private static final Pattern DOB = Pattern.compile("\\bDOB (?:circa )?((?:\\d{1,2} )?(?:[A-Z][a-z]{2} )?\\d{4})");
    private static final Pattern NATIONALITY = Pattern.compile("\\b(?:nationality|citizen) ([A-Z][A-Za-z ,'-]+?)(?:;|\\.|$)");
    private static final Pattern AKA = Pattern.compile("\\b[af]\\.k\\.a\\. '([^']+)'");
    private static final Pattern DATED_FOLDER = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");
    private static final Map<String, Integer> MONTHS = new HashMap<>();

    static {
        for (Month m : Month.values()) MONTHS.put(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH), m.getValue());
    }

    private SdnImporter() {}

    /**
     * Reads the files in {@code dir}; {@code date} is the release date, null for the date in the
     * folder's name (e.g. {@code ofac-sdn-2024-05-03}) or else the day of {@code sdn.csv}.
     */
    public static ParsedList read(Path dir, String date, ImportProgress progress) {
        Path sdnPath = dir.resolve("sdn.csv");
        if (!Files.isRegularFile(sdnPath)) throw new ListFormatException(dir.toString(), 0, "no sdn.csv in this folder");
        ListFile sdn = ListFile.read(sdnPath);
        StringBuilder hashes = new StringBuilder("sdn:" + sdn.sha256());
        Map<String, List<String>> aliases = new HashMap<>();
        Map<String, Set<String>> countries = new HashMap<>();
        Path altPath = dir.resolve("alt.csv");
        if (Files.isRegularFile(altPath)) {
            ListFile alt = ListFile.read(altPath);
            hashes.append(";alt:").append(alt.sha256());
            for (CsvTable.Row r : CsvTable.read(alt, CSVFormat.RFC4180, 5)) {
                if (!value(r.get(3)).isEmpty()) aliases.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r.get(3));
            }
        }
        Path addPath = dir.resolve("add.csv");
        if (Files.isRegularFile(addPath)) {
            ListFile add = ListFile.read(addPath);
            hashes.append(";add:").append(add.sha256());
            for (CsvTable.Row r : CsvTable.read(add, CSVFormat.RFC4180, 6)) {
                String country = value(r.get(4));
                if (!country.isEmpty()) countries.computeIfAbsent(r.get(0), k -> new LinkedHashSet<>()).add(Countries.code(country));
            }
        }
        List<ListEntry> entries = new ArrayList<>();
        for (CsvTable.Row r : CsvTable.read(sdn, CSVFormat.RFC4180, 12)) {
            String num = r.get(0);
            if (!num.chars().allMatch(Character::isDigit) || num.isEmpty()) {
                throw new ListFormatException(sdnPath.toString(), r.line(), "ent_num must be a number, not '" + num + "' (not an sdn.csv?)");
            }
            String remarks = value(r.get(11));
            Set<String> names = new LinkedHashSet<>(aliases.getOrDefault(num, List.of()));
            Matcher aka = AKA.matcher(remarks);
            while (aka.find()) names.add(aka.group(1));
            List<String> programs = List.of(value(r.get(3)).replace("[", "").replace("]", "").split("\\s+"))
                    .stream().filter(s -> !s.isEmpty()).toList();
            List<String> nats = new ArrayList<>();
            Matcher nat = NATIONALITY.matcher(remarks);
            while (nat.find()) {
                String code = Countries.code(nat.group(1));
                if (!nats.contains(code)) nats.add(code);
            }
            entries.add(new ListEntry(LIST, num, EntryType.parse(value(r.get(2))), value(r.get(1)), List.copyOf(names),
                    List.copyOf(countries.getOrDefault(num, Set.of())), datesOfBirth(remarks), nats, programs, remarks));
            if (entries.size() % 5000 == 0) progress.entriesRead(LIST, entries.size());
        }
        String hash = Files.isRegularFile(altPath) || Files.isRegularFile(addPath) ? Sha256.hex(hashes.toString()) : sdn.sha256();
        return new ParsedList(LIST, date != null ? date : folderDate(dir, sdnPath), hash, dir.toString(), entries);
    }

    static List<String> datesOfBirth(String remarks) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Matcher m = DOB.matcher(remarks);
        while (m.find()) out.put(isoDate(m.group(1)), true);
        return List.copyOf(out.keySet());
    }

    /** "18 Sep 1972" → 1972-09-18, "Sep 1972" → 1972-09, "1972" → 1972. */
    static String isoDate(String text) {
        String[] p = text.split(" ");
        String year = p[p.length - 1];
        if (p.length == 1) return year;
        Integer month = MONTHS.get(p[p.length - 2]);
        if (month == null) return year;
        if (p.length == 2) return String.format("%s-%02d", year, month);
        return String.format("%s-%02d-%02d", year, month, Integer.parseInt(p[0]));
    }

    private static String folderDate(Path dir, Path sdn) {
        Matcher m = DATED_FOLDER.matcher(dir.toAbsolutePath().normalize().getFileName().toString());
        return m.find() ? m.group(1) : ListFile.modifiedDate(sdn);
    }

    private static String value(String cell) {
        return cell == null || cell.strip().equals(EMPTY) ? "" : cell.strip();
    }
}
