package dev.gatehouse.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.gatehouse.api.Json;

import java.util.List;
import java.util.Map;

/**
 * What the audit trail keeps of one policy decision: the {@code after} JSON of a
 * {@code policy_denial} entry (action = {@code code}) or of a {@code request_decision} entry
 * (action {@code allow}). Facts only; never the prompt.
 * <p>A field that is null is left out of the JSON. Most are null in an allowed request's entry
 * (rule, message, content, the response's counts), and with {@code log_request_decisions} every
 * request writes one: the nulls were about a sixth of each such audit row. Entries written before,
 * with the nulls spelled out, read the same.
 *
 * @param code       {@code policy.<rule>} for a denial, {@code allow} otherwise
 * @param narrowedBy the rules that removed deployments, as {@code rule:provider/model}
 * @param redacted   the kinds of personal data redacted before forwarding
 * @param servedBy   the deployment that answered ({@code provider/model}), if any
 * @param status     the HTTP status the client got (0 if the request is not finished)
 * @param content    the request body, only when a rule's {@code log_content} turned content logging on
 * @param responsePersonalData with {@code personal_data.scan_responses}: the personal data the
 *                   provider's answer held, counted by kind (null when answers are not scanned)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DecisionRecord(String requestId, String code, String rule, String route, String keyId,
                             String customerId, String customerCountry, String clientIp, String clientCountry,
                             List<String> narrowedBy, List<String> redacted, String message, String servedBy,
                             int status, String content, Map<String, Integer> responsePersonalData) {

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DecisionRecord fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, DecisionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a policy decision record: " + e.getOriginalMessage(), e);
        }
    }
}
