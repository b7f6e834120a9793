package dev.gatehouse.config;

/**
 * The usage ledger's journal and costs. {@code journalDir} holds the append-only journal that makes
 * every completed request's usage survive a crash; it is fsynced every {@code fsyncIntervalMs}.
 * {@code cnyPerUsd} converts costs so that each is summed in both currencies.
 */
public record MeteringConfig(String journalDir, Long fsyncIntervalMs, Double cnyPerUsd) {
    public static final MeteringConfig DEFAULTS = new MeteringConfig("./data/journal", 5L, 7.1);

    public MeteringConfig over(MeteringConfig base) {
        return new MeteringConfig(journalDir != null ? journalDir : base.journalDir,
                fsyncIntervalMs != null ? fsyncIntervalMs : base.fsyncIntervalMs,
                cnyPerUsd != null ? cnyPerUsd : base.cnyPerUsd);
    }
}
