package dev.gatehouse.compliance.screening;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real lists in ../shared, parsed once per JVM, and a screener over all of them. */
final class RealLists {
    static final Path DIR = Path.of("../shared/data/screening");
    static final Path CSL = DIR.resolve("csl/consolidated.csv");
    static final Path SDN_2021 = DIR.resolve("ofac-sdn-2021-07-07");
    static final Path SDN_2024 = DIR.resolve("ofac-sdn-2024-05-03");
    static final Path UN = DIR.resolve("un/consolidated.xml");
    static final Path DPL = DIR.resolve("bis-dpl/dpl.txt");

    private static List<ParsedList> lists;
    private static Screener screener;

    private RealLists() {}

    static synchronized List<ParsedList> all() {
        if (lists == null) {
            lists = List.of(CslImporter.csv(CSL, "2026-07-31", ImportProgress.NONE),
                    SdnImporter.read(SDN_2024, null, ImportProgress.NONE),
                    UnImporter.read(UN, null, ImportProgress.NONE),
                    DplImporter.read(DPL, null, ImportProgress.NONE));
        }
        return lists;
    }

    static synchronized Screener screener() {
        if (screener == null) {
            List<ListEntry> entries = new ArrayList<>();
            all().forEach(l -> entries.addAll(l.entries()));
            screener = Screener.of(entries, Thresholds.DEFAULTS);
        }
        return screener;
    }
}
