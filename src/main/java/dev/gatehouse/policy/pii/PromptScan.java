package dev.gatehouse.policy.pii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the personal data in what a client sends, in the fields {@link PromptTexts} lists, without
 * changing or copying the body. Findings carry offsets within the text each was found in (one
 * message's content, one argument value), which is enough to decide and to count subjects.
 */
public final class PromptScan {
    private PromptScan() {}

    /** All findings in the request, in document order; empty when there are none. */
    public static List<Finding> scan(Operation op, ObjectNode body, Redactor r) {
        List<Finding> out = new ArrayList<>(0);
        PromptTexts.visit(op, body, (context, text) -> {
            out.addAll(r.scan(context, text));
            return text;
        });
        return out;
    }
}
