package dev.gatehouse.compliance.screening;

import java.util.List;

/**
 * One designated party as a list publishes it.
 *
 * @param list          the list it is on, e.g. {@code OFAC-SDN}, {@code CSL:Entity List}, {@code UN}, {@code BIS-DPL}
 * @param id            unique within the imported list: the entity number where the list has one
 *                      (OFAC ent_num, UN reference number), else a stable hash of the entry's content
 * @param datesOfBirth  ISO dates, or only {@code yyyy} / {@code yyyy-MM} where the list gives no more
 * @param countries     ISO 3166 alpha-2 codes of addresses (raw names where no code is known)
 * @param nationalities ISO 3166 alpha-2 codes of nationalities and citizenships
 */
public record ListEntry(String list, String id, EntryType type, String name, List<String> aliases,
                        List<String> countries, List<String> datesOfBirth, List<String> nationalities,
                        List<String> programs, String remarks) {
    public ListEntry {
        aliases = List.copyOf(aliases);
        countries = List.copyOf(countries);
        datesOfBirth = List.copyOf(datesOfBirth);
        nationalities = List.copyOf(nationalities);
        programs = List.copyOf(programs);
        remarks = remarks == null ? "" : remarks;
    }

    /** The primary name and every alias, primary first. */
    public List<String> allNames() {
        var all = new java.util.ArrayList<String>(1 + aliases.size());
        all.add(name);
        all.addAll(aliases);
        return all;
    }
}
