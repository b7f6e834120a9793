package dev.gatehouse.policy.pii;

import com.carrotsearch.hppc.LongHashSet;
import dev.gatehouse.crypto.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts distinct personal-information subjects sent across the border per calendar year, so a
 * company sees when it approaches the PIPL cross-border thresholds. Identifiers are stored only as
 * salted SHA-256 hashes of their normalised form. Each distinct identifier counts as one subject:
 * one person's phone number and e-mail address count twice, which errs on the side of alerting early.
 * The calendar year is taken in the clock's zone (use Asia/Shanghai for PIPL). Thread-safe.
 *
 * <p>In memory each subject is the first 64 bits of its hash in a primitive set (HPPC's
 * {@code LongHashSet}): about 18 bytes per subject, so the 1,000,000 people of the security
 * assessment threshold cost 18 MB of heap, where a set of hex strings took 146 MB (measured after
 * GC with a million random subjects). Two of a million subjects share 64 bits with a probability
 * under 1 in 30 million, and would then be counted once; the stored records keep the full hash.
 */
public final class SubjectCounter {

    /** The cumulative-per-year numbers of people at which PIPL cross-border obligations change. */
    public enum Threshold {
        /** Personal information of 100,000 people: standard contract or certification needed. */
        PERSONAL_INFORMATION(100_000, false),
        /** Sensitive personal information of 10,000 people. */
        SENSITIVE_PERSONAL_INFORMATION(10_000, true),
        /** Personal information of 1,000,000 people: CAC security assessment needed. */
        SECURITY_ASSESSMENT(1_000_000, false);

        private final long people;
        private final boolean sensitiveOnly;

        Threshold(long people, boolean sensitiveOnly) {
            this.people = people;
            this.sensitiveOnly = sensitiveOnly;
        }

        public long people() {
            return people;
        }

        public boolean sensitiveOnly() {
            return sensitiveOnly;
        }
    }

    /** Counts for one calendar year. */
    public record Snapshot(int year, long subjects, long sensitiveSubjects) {
        public long count(Threshold threshold) {
            return threshold.sensitiveOnly() ? sensitiveSubjects : subjects;
        }

        public double fractionOf(Threshold threshold) {
            return (double) count(threshold) / threshold.people();
        }

        public boolean reached(Threshold threshold) {
            return count(threshold) >= threshold.people();
        }
    }

    /** One year's subjects; guarded by its own monitor (adds are rare next to requests, and short). */
    private static final class YearSets {
        private final LongHashSet all = new LongHashSet();
        private final LongHashSet sensitive = new LongHashSet();

        synchronized boolean add(long fingerprint, boolean isSensitive) {
            boolean added = all.add(fingerprint);
            if (isSensitive) sensitive.add(fingerprint);
            return added;
        }

        synchronized Snapshot snapshot(int year) {
            return new Snapshot(year, all.size(), sensitive.size());
        }
    }

    private final byte[] salt;
    private final Clock clock;
    private final Map<Integer, YearSets> years = new ConcurrentHashMap<>();

    public SubjectCounter(byte[] salt, Clock clock) {
        Objects.requireNonNull(salt, "salt");
        if (salt.length < 16) {
            throw new IllegalArgumentException("salt must be at least 16 bytes");
        }
        this.salt = salt.clone();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records the subject of a finding; returns true if it is new this year. */
    public boolean record(Finding finding) {
        return record(finding.kind(), finding.text());
    }

    /** Records one identifier of {@code kind}; returns true if it is new this year. */
    public boolean record(PiiKind kind, String identifier) {
        return recordHash(currentYear(), subjectHash(kind, identifier), kind.sensitivity() == Sensitivity.SENSITIVE);
    }

    /**
     * Records a subject by its {@link #subjectHash} in {@code year} (to load what was stored, or to
     * count with the same year the caller stores); returns true if it is new that year.
     */
    public boolean recordHash(int year, String hash, boolean sensitive) {
        if (hash.length() < 16) throw new IllegalArgumentException("not a subject hash: " + hash);
        return years.computeIfAbsent(year, y -> new YearSets()).add(HexFormat.fromHexDigitsToLong(hash, 0, 16), sensitive);
    }

    /** The salted SHA-256 (hex) of an identifier's normalised form: what is stored instead of it. */
    public String subjectHash(PiiKind kind, String identifier) {
        return hash(kind, kind.normalise(identifier));
    }

    /** Counts for the current calendar year. */
    public Snapshot snapshot() {
        return snapshot(currentYear());
    }

    public Snapshot snapshot(int year) {
        YearSets sets = years.get(year);
        return sets == null ? new Snapshot(year, 0, 0) : sets.snapshot(year);
    }

    /** Thresholds of the current year whose count has reached {@code fraction} of the limit (e.g. 0.8). */
    public List<Threshold> approaching(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
        }
        Snapshot now = snapshot();
        List<Threshold> out = new ArrayList<>();
        for (Threshold t : Threshold.values()) {
            if (now.fractionOf(t) >= fraction) {
                out.add(t);
            }
        }
        return out;
    }

    private int currentYear() {
        return LocalDate.now(clock).getYear();
    }

    private String hash(PiiKind kind, String normalised) {
        MessageDigest sha = Sha256.digest();
        sha.update(salt);
        sha.update((kind.name() + '\u0000' + normalised).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }
}
