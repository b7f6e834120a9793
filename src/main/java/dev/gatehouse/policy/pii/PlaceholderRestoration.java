package dev.gatehouse.policy.pii;

import dev.gatehouse.api.ResponseTextFilter;

import java.util.HashMap;
import java.util.Map;

/**
 * Puts the values a request's redaction replaced back into its response: in content and reasoning
 * as they were, in tool-call arguments escaped for JSON. Each channel of a stream has its own
 * {@link StreamingRestorer}, so a placeholder cut by a chunk boundary is restored whole and only
 * a possible placeholder prefix is ever held back.
 */
final class PlaceholderRestoration implements ResponseTextFilter {
    private final RedactionMap map;
    private final RedactionMap jsonMap;

    PlaceholderRestoration(RedactionMap map) {
        this.map = map;
        this.jsonMap = map.jsonEscaped();
    }

    @Override
    public Pass start() {
        Map<Channel, StreamingRestorer> restorers = new HashMap<>(4);
        return new Pass() {
            @Override
            public String accept(Channel channel, String text) {
                return restorers.computeIfAbsent(channel, c -> (c.kind() == Kind.TOOL_ARGUMENTS ? jsonMap : map)
                        .streamingRestorer()).accept(text);
            }

            @Override
            public String finish(Channel channel) {
                StreamingRestorer r = restorers.remove(channel);
                return r == null ? "" : r.finish();
            }
        };
    }
}
