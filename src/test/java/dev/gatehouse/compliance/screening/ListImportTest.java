package dev.gatehouse.compliance.screening;

import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListImportTest {
    @TempDir
    Path tmp;

    @Test
    void should_read_every_real_list_with_its_date_names_and_details() {
        List<ParsedList> lists = RealLists.all();
        assertThat(lists).extracting(ParsedList::name).containsExactly("CSL", "OFAC-SDN", "UN", "BIS-DPL");
        assertThat(lists.get(0).entries()).hasSize(25921);
        assertThat(lists.get(1).date()).isEqualTo("2024-05-03");
        assertThat(lists.get(2).date()).isEqualTo("2026-02-27");
        assertThat(lists.get(2).entries()).hasSize(1003);
        assertThat(lists.get(3).entries()).hasSize(581);
        ListEntry li = lists.get(1).entries().stream().filter(e -> e.id().equals("11447")).findFirst().orElseThrow();
        assertThat(li.name()).isEqualTo("LI, Fangwei");
        assertThat(li.type()).isEqualTo(EntryType.INDIVIDUAL);
        assertThat(li.datesOfBirth()).containsExactly("1972-09-18");
        assertThat(li.nationalities()).containsExactly("CN");
        assertThat(li.programs()).containsExactly("NPWMD", "IFSR");
        ListEntry ymtc = lists.get(0).entries().stream().filter(e -> e.name().equals("Yangtze Memory Technologies Co., Ltd.")).findFirst().orElseThrow();
        assertThat(ymtc.list()).isEqualTo("CSL:Entity List");
        assertThat(ymtc.aliases()).contains("YMTC", "Changjiang Storage Technology");
        ListEntry un = lists.get(2).entries().stream().filter(e -> e.id().equals("CDi.001")).findFirst().orElseThrow();
        assertThat(un.name()).isEqualTo("ERIC BADEGE");
        assertThat(un.datesOfBirth()).containsExactly("1971");
        assertThat(un.nationalities()).containsExactly("CD");
    }

    @Test
    void should_read_the_sdn_alias_and_address_files_of_the_2021_release() {
        ParsedList sdn = SdnImporter.read(RealLists.SDN_2021, null, ImportProgress.NONE);
        assertThat(sdn.date()).isEqualTo("2021-07-07");
        ListEntry bnc = sdn.entries().stream().filter(e -> e.id().equals("306")).findFirst().orElseThrow();
        assertThat(bnc.aliases()).contains("NATIONAL BANK OF CUBA", "BNC");
        assertThat(bnc.countries()).contains("CH");
    }

    @Test
    void should_read_the_csl_json_layout_with_arrays_or_joined_strings() {
        ParsedList json = CslImporter.json(Path.of("src/test/resources/screening/csl-sample.json"), "2026-01-01", ImportProgress.NONE);
        assertThat(json.entries()).hasSize(2);
        assertThat(json.entries().get(0).list()).isEqualTo("CSL:Entity List");
        assertThat(json.entries().get(0).aliases()).containsExactly("ExPho", "Example Photonic Technology");
        assertThat(json.entries().get(0).countries()).containsExactly("CN");
        assertThat(json.entries().get(1).id()).isEqualTo("SDN:990001");
        assertThat(json.entries().get(1).aliases()).containsExactly("SAMPLE, P.", "PERSON SAMPLE");
        assertThat(json.entries().get(1).datesOfBirth()).containsExactly("1970-01-02");
        Screener s = Screener.of(json.entries(), Thresholds.DEFAULTS);
        assertThat(s.screen(Subject.entity("Example Photonics Ltd")).hits()).extracting(Hit::entryName).containsExactly("Example Photonics Co., Ltd.");
    }

    @Test
    void should_report_progress_during_long_imports() {
        List<Integer> seen = new ArrayList<>();
        CslImporter.csv(RealLists.CSL, null, (list, n) -> seen.add(n));
        assertThat(seen).containsExactly(5000, 10000, 15000, 20000, 25000);
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_import_idempotently_and_report_added_changed_and_removed_entries(Supplier<Database> store) {
        try (Database db = store.get()) {
            ScreeningLists lists = new ScreeningLists(db, Thresholds.DEFAULTS);
            assertThat(lists.isEmpty()).isTrue();
            List<ImportReport> heard = new ArrayList<>();
            lists.onChange(heard::add);
            ParsedList old = SdnImporter.read(RealLists.SDN_2021, null, ImportProgress.NONE);
            ImportReport first = lists.importList(old);
            assertThat(first.unchanged()).isFalse();
            assertThat(first.added()).hasSize(old.entries().size());
            assertThat(lists.screen(Subject.individual("LI, Fangwei", null, null)).blocked()).isTrue();

            ImportReport again = lists.importList(SdnImporter.read(RealLists.SDN_2021, null, ImportProgress.NONE));
            assertThat(again.unchanged()).isTrue();
            assertThat(again.added()).isEmpty();
            assertThat(heard).hasSize(1);

            ImportReport next = lists.importList(SdnImporter.read(RealLists.SDN_2024, null, ImportProgress.NONE));
            assertThat(next.unchanged()).isFalse();
            assertThat(next.date()).isEqualTo("2024-05-03");
            assertThat(next.added()).hasSizeGreaterThan(5000).contains("45391");
            assertThat(next.removed()).isNotEmpty();
            assertThat(next.changed()).contains("306"); // its aliases came from alt.csv in 2021, from the remarks in 2024
            assertThat(next.entryCount() - first.entryCount()).isEqualTo(next.added().size() - next.removed().size());
            assertThat(lists.status()).singleElement().satisfies(st -> {
                assertThat(st.date()).isEqualTo("2024-05-03");
                assertThat(st.entryCount()).isEqualTo(14965);
            });
            assertThat(new ScreeningLists(db, Thresholds.DEFAULTS).screener().entryCount()).isEqualTo(14965);
            assertThat(heard).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_reject_malformed_files_and_keep_the_previous_list_in_force(Supplier<Database> store) throws IOException {
        try (Database db = store.get()) {
            ScreeningLists lists = new ScreeningLists(db, Thresholds.DEFAULTS);
            lists.importList(DplImporter.read(RealLists.DPL, null, ImportProgress.NONE));
            lists.importList(UnImporter.read(RealLists.UN, null, ImportProgress.NONE));
            String before = lists.status().toString();

            Path dpl = tmp.resolve("dpl.txt");
            Files.writeString(dpl, Files.readString(RealLists.DPL).replaceFirst("\"SEAGOVILLE\"\t", ""));
            assertThatThrownBy(() -> lists.importList(DplImporter.read(dpl, null, ImportProgress.NONE)))
                    .isInstanceOf(ListFormatException.class).hasMessageContaining("dpl.txt:2: expected 12 columns, found 11");

            byte[] un = Files.readAllBytes(RealLists.UN);
            Path truncated = tmp.resolve("un.xml");
            Files.write(truncated, java.util.Arrays.copyOf(un, un.length / 2));
            assertThatThrownBy(() -> lists.importList(UnImporter.read(truncated, null, ImportProgress.NONE)))
                    .isInstanceOf(ListFormatException.class).hasMessageContaining("un.xml:").hasMessageContaining("broken XML");

            Path badUtf8 = tmp.resolve("bad.xml");
            byte[] copy = un.clone();
            int at = new String(un, 0, 4000, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("BADEGE");
            copy[at] = (byte) 0xC3;
            copy[at + 1] = (byte) 0x28; // not a continuation byte
            Files.write(badUtf8, copy);
            assertThatThrownBy(() -> UnImporter.read(badUtf8, null, ImportProgress.NONE))
                    .isInstanceOf(ListFormatException.class).hasMessageContaining("bad.xml:8: not valid UTF-8 (byte 0xc3");

            assertThat(lists.status().toString()).isEqualTo(before);
            assertThat(lists.screen(Subject.individual("Eric Badege", null, null)).blocked()).isTrue();
        }
    }

    @Test
    void should_reject_truncated_or_foreign_csv_files_naming_file_and_line() throws IOException {
        String csl = Files.readString(RealLists.CSL);
        Path cut = tmp.resolve("consolidated.csv");
        int quote = csl.indexOf("\"CHINA TELECOM;");
        Files.writeString(cut, csl.substring(0, quote + 5));
        assertThatThrownBy(() -> CslImporter.csv(cut, null, ImportProgress.NONE))
                .isInstanceOf(ListFormatException.class).hasMessageContaining("consolidated.csv:3:");

        Path wrong = tmp.resolve("other.csv");
        Files.writeString(wrong, "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> CslImporter.csv(wrong, null, ImportProgress.NONE))
                .isInstanceOf(ListFormatException.class).hasMessageContaining("other.csv:1: expected 28 columns, found 3");

        Path dir = Files.createDirectories(tmp.resolve("sdn"));
        Files.writeString(dir.resolve("sdn.csv"), "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\n");
        assertThatThrownBy(() -> SdnImporter.read(dir, null, ImportProgress.NONE))
                .isInstanceOf(ListFormatException.class).hasMessageContaining("sdn.csv:1: expected 12 columns, found 4");
    }
}
