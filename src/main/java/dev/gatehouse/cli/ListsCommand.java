package dev.gatehouse.cli;

import dev.gatehouse.compliance.screening.CslImporter;
import dev.gatehouse.compliance.screening.DplImporter;
import dev.gatehouse.compliance.screening.ImportProgress;
import dev.gatehouse.compliance.screening.ImportReport;
import dev.gatehouse.compliance.screening.ListFormatException;
import dev.gatehouse.compliance.screening.ListStatus;
import dev.gatehouse.compliance.screening.ListStore;
import dev.gatehouse.compliance.screening.ParsedList;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.SdnImporter;
import dev.gatehouse.compliance.screening.UnImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code gatehouse lists import|status}: the restricted-party lists screening uses. */
@Command(name = "lists", mixinStandardHelpOptions = true, description = "Import and show the restricted-party screening lists.")
public final class ListsCommand {
    private static final int PROGRESS_EVERY = 5000;

    @Spec
    CommandSpec spec;

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import official list files. Each list is read and checked whole before it replaces the one in force; the same content again changes nothing.")
    int importLists(@Mixin StoreOptions options,
                    @Option(names = "--csl", paramLabel = "FILE", description = "trade.gov consolidated.csv") Path csl,
                    @Option(names = "--csl-json", paramLabel = "FILE", description = "trade.gov consolidated.json (instead of --csl)") Path cslJson,
                    @Option(names = "--sdn", paramLabel = "DIR", description = "folder with OFAC sdn.csv (and alt.csv, add.csv)") Path sdn,
                    @Option(names = "--un", paramLabel = "FILE", description = "UN consolidated list XML") Path un,
                    @Option(names = "--dpl", paramLabel = "FILE", description = "BIS Denied Persons List dpl.txt") Path dpl,
                    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The lists' date where the files carry none (CSL; SDN outside a dated folder).") String date) {
        return StoreRun.run(spec, options, (store, out) -> {
            if (csl == null && cslJson == null && sdn == null && un == null && dpl == null) {
                throw new CliInputException("--csl", "name at least one list file: --csl, --csl-json, --sdn, --un or --dpl");
            }
            ImportProgress progress = (list, n) -> { if (n % PROGRESS_EVERY == 0) out.note(list + ": " + n + " entries read"); };
            List<ParsedList> parsed = new ArrayList<>();
            try {
                if (csl != null) parsed.add(CslImporter.csv(csl, date, progress));
                if (cslJson != null) parsed.add(CslImporter.json(cslJson, date, progress));
                if (sdn != null) parsed.add(SdnImporter.read(sdn, date, progress));
                if (un != null) parsed.add(UnImporter.read(un, null, progress));
                if (dpl != null) parsed.add(DplImporter.read(dpl, null, progress));
            } catch (ListFormatException e) {
                return StoreRun.fail(spec.commandLine().getErr(), StoreRun.BAD_INPUT, null,
                        e.getMessage() + " (nothing imported; the lists in force are unchanged)");
            }
            ScreeningLists lists = store.lists();
            // a changed list is recorded in the audit trail and rescreens every customer here; a running
            // gateway reloads the lists and sees suspensions within seconds (it does not rescreen again)
            store.screening().rescreenOnListChange(CliStore.actor());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ParsedList p : parsed) {
                out.note(p.name() + ": storing " + p.entries().size() + " entries");
                rows.add(view(lists.importList(p)));
            }
            out.table(rows, List.of("list", "date", "sha256", "entries", "result", "added", "changed", "removed"));
            return StoreRun.OK;
        });
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The lists in force: date, content hash, entries, when imported.")
    int status(@Mixin StoreOptions options) {
        return StoreRun.run(spec, options, (store, out) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ListStatus s : new ListStore(store.db()).status()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("list", s.list());
                row.put("date", s.date());
                row.put("sha256", s.sha256());
                row.put("entries", s.entryCount());
                row.put("imported_at", s.importedAt().toString());
                row.put("source", s.source());
                rows.add(row);
            }
            if (rows.isEmpty() && !out.json()) out.note("No lists imported yet: gatehouse lists import --csl FILE --sdn DIR --un FILE");
            else out.table(rows, List.of("list", "date", "entries", "imported_at", "sha256"));
            return StoreRun.OK;
        });
    }

    private static Map<String, Object> view(ImportReport r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("list", r.list());
        row.put("date", r.date());
        row.put("sha256", r.sha256().substring(0, 12));
        row.put("entries", r.entryCount());
        row.put("result", r.unchanged() ? "unchanged" : "imported");
        row.put("added", r.added().size());
        row.put("changed", r.changed().size());
        row.put("removed", r.removed().size());
        return row;
    }
}
