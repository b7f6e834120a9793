package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;

import java.util.Map;

/**
 * Counters since start or the last reset.
 *
 * @param received         provider requests received (admin calls are not counted)
 * @param completed        successful answers sent to their last byte
 * @param failed           error answers (faults, rejected requests) sent to their last byte
 * @param byPath           received requests per path
 * @param byModel          received requests per model (or Azure deployment)
 * @param completedByModel completed answers per model
 * @param promptTokens     prompt tokens of the completed answers, as reported in their usage
 * @param completionTokens completion tokens of the completed answers, as reported in their usage
 */
public record SimulatorStats(long received, long completed, long failed, Map<String, Long> byPath,
                             Map<String, Long> byModel, Map<String, Long> completedByModel,
                             long promptTokens, long completionTokens) {

    ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("received", received);
        n.put("completed", completed);
        n.put("failed", failed);
        byPath.forEach(n.putObject("by_path")::put);
        byModel.forEach(n.putObject("by_model")::put);
        completedByModel.forEach(n.putObject("completed_by_model")::put);
        ObjectNode usage = n.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        return n;
    }
}
