package dev.gatehouse.policy.pii;

import dev.gatehouse.api.ResponseTextFilter;
import dev.gatehouse.pipeline.RequestContext;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the personal data in a request's response by kind, observing only: the text passes
 * unchanged and a stream is not held back ({@link StreamingScanner} judges a number cut by a chunk
 * boundary as a whole). The counts live on the request as {@code ctx.attribute(ATTRIBUTE)}, a
 * {@code Map<PiiKind, Integer>} that is complete once the response is (read it in
 * {@code onComplete}); a stream that breaks before its finish may miss findings in its last
 * {@value StreamingScanner#MARGIN} characters.
 * <p>
 * Response filters run in the order they are added: attach the scan before
 * {@link PromptRedaction#apply} adds its restoration to count what the provider wrote, after it to
 * count what the client receives (the client's own restored values included).
 */
public final class ResponseScan implements ResponseTextFilter {
    /** The request attribute holding the counts, a {@code Map<PiiKind, Integer>}. */
    public static final String ATTRIBUTE = "pii.response_findings";

    private final Redactor redactor;
    private final Map<PiiKind, Integer> counts;

    private ResponseScan(Redactor redactor, Map<PiiKind, Integer> counts) {
        this.redactor = redactor;
        this.counts = counts;
    }

    /** Adds a scan to the request's response filters and its (empty) counts to its attributes. */
    public static Map<PiiKind, Integer> attach(RequestContext ctx, Redactor redactor) {
        Map<PiiKind, Integer> counts = new EnumMap<>(PiiKind.class);
        ctx.attribute(ATTRIBUTE, counts);
        ctx.addResponseFilter(new ResponseScan(redactor, counts));
        return counts;
    }

    @Override
    public Pass start() {
        counts.clear(); // a new response (another attempt) replaces what an abandoned one showed
        Map<Channel, StreamingScanner> scanners = new HashMap<>(4);
        return new Pass() {
            @Override
            public String accept(Channel channel, String text) {
                count(scanners.computeIfAbsent(channel, c -> new StreamingScanner(redactor)).accept(text));
                return text;
            }

            @Override
            public String finish(Channel channel) {
                StreamingScanner s = scanners.remove(channel);
                if (s != null) count(s.finish());
                return "";
            }
        };
    }

    private void count(List<Finding> findings) {
        for (Finding f : findings) counts.merge(f.kind(), 1, Integer::sum);
    }
}
