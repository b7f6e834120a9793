package dev.gatehouse.policy.pii;

import dev.gatehouse.pipeline.RequestContext;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Redacts personal data of chosen kinds in the request body, in place, before it goes upstream:
 * each value becomes a typed placeholder such as {@code [ID_NUMBER_1]}, the same value the same
 * placeholder across all messages of the request. When asked, the response gets the values back
 * (see {@link PlaceholderRestoration}), in complete and streamed answers alike.
 */
public final class PromptRedaction {
    private PromptRedaction() {}

    /**
     * What was redacted. {@code map} holds personal data: keep it no longer than the request, never log it.
     *
     * @param findings the findings replaced, offsets within the original text of each field
     * @param map      the placeholders issued and the values behind them
     */
    public record Redacted(List<Finding> findings, RedactionMap map) {
        public Redacted {
            findings = List.copyOf(findings);
            Objects.requireNonNull(map, "map");
        }

        public boolean isEmpty() {
            return findings.isEmpty();
        }
    }

    /**
     * Redacts {@code kinds} in {@code ctx.body()}; with {@code restoreInResponse}, adds a response
     * filter that restores the placeholders (only when something was redacted, so an untouched
     * request keeps the response path free).
     */
    public static Redacted apply(RequestContext ctx, Redactor r, Set<PiiKind> kinds, boolean restoreInResponse) {
        Objects.requireNonNull(r, "redactor");
        Objects.requireNonNull(kinds, "kinds");
        if (kinds.isEmpty() || ctx.body() == null) return new Redacted(List.of(), RedactionMap.empty());
        Redactor.Session session = r.newSession();
        // the first changed value makes the request go upstream re-serialised from the redacted
        // tree, never as the client's bytes; a prompt with nothing to redact keeps them
        PromptTexts.visit(ctx.operation(), ctx.body(), (context, text) -> {
            String out = session.redact(context, text, kinds);
            if (out != text) ctx.rewritableBody();
            return out;
        });
        Redacted result = new Redacted(session.findings(), session.map());
        if (restoreInResponse && !result.map().isEmpty()) ctx.addResponseFilter(new PlaceholderRestoration(result.map()));
        return result;
    }
}
