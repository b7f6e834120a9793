package dev.gatehouse.simulator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.gatehouse.metering.TokenCounter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the token pieces the simulator streams, using the same o200k encoding that
 * {@link TokenCounter#standard()} counts with, so a reply of N pieces reports N completion tokens.
 */
final class Tokens {
    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private Tokens() {}

    static int count(String text) {
        return TokenCounter.standard().count(text);
    }

    /**
     * The text cut at token boundaries. A token that ends inside a multi-byte character is merged
     * with the next one, so every piece is valid UTF-8 (CJK text may give fewer pieces than tokens).
     */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        IntArrayList tokens = ENCODING.encodeOrdinary(text);
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        IntArrayList one = new IntArrayList(1);
        for (int i = 0; i < tokens.size(); i++) {
            one.clear();
            one.add(tokens.get(i));
            pending.writeBytes(ENCODING.decodeBytes(one));
            byte[] bytes = pending.toByteArray();
            if (completeUtf8(bytes)) {
                out.add(new String(bytes, StandardCharsets.UTF_8));
                pending.reset();
            }
        }
        if (pending.size() > 0) out.add(pending.toString(StandardCharsets.UTF_8));
        return out;
    }

    /** The first {@code n} pieces joined, or the whole text when it is shorter. */
    static String firstTokens(String text, int n) {
        List<String> p = pieces(text);
        return p.size() <= n ? text : String.join("", p.subList(0, n));
    }

    /** Groups pieces by {@code perChunk}, as a stream sends them. */
    static List<List<String>> groups(List<String> pieces, int perChunk) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i += perChunk) out.add(pieces.subList(i, Math.min(pieces.size(), i + perChunk)));
        return out;
    }

    /** Whether the bytes end on a character boundary. */
    private static boolean completeUtf8(byte[] b) {
        int i = b.length - 1;
        int continuation = 0;
        while (i >= 0 && (b[i] & 0xC0) == 0x80 && continuation < 3) {
            i--;
            continuation++;
        }
        if (i < 0) return false;
        int lead = b[i] & 0xFF;
        int need = lead < 0x80 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return continuation >= need;
    }
}
