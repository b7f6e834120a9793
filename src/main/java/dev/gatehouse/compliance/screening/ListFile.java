package dev.gatehouse.compliance.screening;

import dev.gatehouse.crypto.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A list file read whole (the largest is a few MB): its bytes' SHA-256 and its text, decoded as
 * strict UTF-8 so that a wrongly encoded file is an error naming the line, never mojibake in the index.
 */
record ListFile(Path path, String text, String sha256) {

    static ListFile read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ListFormatException(path.toString(), 0, "cannot read: " + e.getMessage(), e);
        }
        return new ListFile(path, decode(path.toString(), bytes), Sha256.hex(bytes));
    }

    static String decode(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new ListFormatException(name, lineOf(bytes, at),
                    String.format("not valid UTF-8 (byte 0x%02x at offset %d)", bytes[at] & 0xff, at));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        // OFAC's legacy files end with a DOS end-of-file mark (0x1A); a BOM may start others
        if (text.endsWith("\u001a")) text = text.substring(0, text.length() - 1);
        if (text.startsWith("\ufeff")) text = text.substring(1);
        return text;
    }

    static long lineOf(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) if (bytes[i] == '\n') line++;
        return line;
    }

    /** The file's modification day, the date of lists whose files carry none. */
    static String modifiedDate(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant().toString().substring(0, 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
