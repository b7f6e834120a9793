package dev.gatehouse.compliance.screening;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Screening one subject against every real list in ../shared (CSL, OFAC SDN 2024, UN, BIS DPL:
 * about 42,000 entries, 82,000 indexed names and aliases), as onboarding does inline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScreeningBenchmark {
    @Param({"latin-entity", "latin-typo", "chinese-entity", "chinese-person", "person-with-dob", "acronym", "no-hit"})
    String name;

    private Screener screener;
    private Subject subject;

    @Setup
    public void setup() {
        Path dir = Path.of("../shared/data/screening");
        List<ListEntry> entries = new ArrayList<>();
        entries.addAll(CslImporter.csv(dir.resolve("csl/consolidated.csv"), "2026-07-31", ImportProgress.NONE).entries());
        entries.addAll(SdnImporter.read(dir.resolve("ofac-sdn-2024-05-03"), null, ImportProgress.NONE).entries());
        entries.addAll(UnImporter.read(dir.resolve("un/consolidated.xml"), null, ImportProgress.NONE).entries());
        entries.addAll(DplImporter.read(dir.resolve("bis-dpl/dpl.txt"), null, ImportProgress.NONE).entries());
        screener = Screener.of(entries, Thresholds.DEFAULTS);
        subject = switch (name) {
            case "latin-entity" -> Subject.entity("Huawei Technologies Co., Ltd.");
            case "latin-typo" -> Subject.entity("Semiconductor Manufacturing Internatonal Corp");
            case "chinese-entity" -> Subject.entity("北京智源人工智能研究院");
            case "chinese-person" -> Subject.individual("李方伟", null, null);
            case "person-with-dob" -> Subject.individual("Zhang Wei", LocalDate.of(1995, 4, 12), "CN");
            case "acronym" -> Subject.entity("SMIC");
            default -> Subject.entity("Riverbend Veterinary Hospital");
        };
    }

    @Benchmark
    public ScreeningResult screen() {
        return screener.screen(subject);
    }
}
