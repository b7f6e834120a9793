package dev.gatehouse.metering;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A journal file: its name carries its sequence number, so segments sort by age. */
public record JournalSegment(long seq, Path path) implements Comparable<JournalSegment> {
    private static final Logger log = LoggerFactory.getLogger(JournalSegment.class);
    private static final Pattern NAME = Pattern.compile("usage-(\\d{16})\\.journal");

    static JournalSegment in(Path dir, long seq) {
        return new JournalSegment(seq, dir.resolve(String.format("usage-%016d.journal", seq)));
    }

    /** The segment a file is, or null if it is not one. */
    static JournalSegment parse(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? new JournalSegment(Long.parseLong(m.group(1)), file) : null;
    }

    /** Takes records one at a time, as a segment is read. */
    @FunctionalInterface
    public interface RecordSink<E extends Exception> {
        void accept(UsageRecord record) throws E;
    }

    /** Every intact record, in order (see {@link #forEach}). */
    public List<UsageRecord> read() throws IOException {
        List<UsageRecord> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    /**
     * Hands every intact record to {@code sink}, in order, without holding the segment in memory;
     * returns how many. Reading stops at the first frame that is cut short or fails its CRC: only
     * the tail can be torn (a crash mid-write), as a segment is only ever appended to by one writer
     * and never reopened after a restart.
     */
    public <E extends Exception> int forEach(RecordSink<E> sink) throws IOException, E {
        int count = 0;
        long offset = 0;
        try (InputStream raw = Files.newInputStream(path); DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    return count; // a clean end
                }
                if (length <= 0 || length > JournalCodec.MAX_PAYLOAD) {
                    return torn(count, offset, "impossible length " + length);
                }
                byte[] payload = new byte[length];
                int crc;
                try {
                    crc = in.readInt();
                    in.readFully(payload);
                } catch (EOFException e) {
                    return torn(count, offset, "record cut short");
                }
                if (!JournalCodec.intact(payload, crc)) return torn(count, offset, "CRC mismatch");
                sink.accept(JournalCodec.decode(payload));
                count++;
                offset += JournalCodec.HEADER_BYTES + length;
            }
        }
    }

    private int torn(int intact, long offset, String why) {
        log.warn("journal {}: skipping a torn tail at byte {} ({}); {} intact records before it",
                path.getFileName(), offset, why, intact);
        return intact;
    }

    @Override
    public int compareTo(JournalSegment o) { return Long.compare(seq, o.seq); }
}
