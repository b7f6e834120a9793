package dev.gatehouse.config;

/**
 * One rule as written: {@code when} the request's facts match (and not {@code unless} they match),
 * {@code then} act on the request or on the deployments {@code where} the deployment's facts
 * match. Actions: {@code deny}, {@code exclude} (remove matching deployments; deny if none
 * remain), {@code redact} (personal data in the prompt, before it goes to matching deployments),
 * {@code quota} (with {@code quota}), {@code log_content} (keep prompt and response in the audit
 * trail). {@code message} is what a denied developer reads.
 */
public record PolicyRuleConfig(String id, String description, Conditions when, Conditions unless,
                               DeploymentConditions where, String then, Quota quota, String message) {

    /** Facts of the request: who calls, from where, for what, with which data. */
    public record Conditions(Match clientCountry, Match customerCountry, Match customerKind, Match kyc,
                             Match screening, Boolean prcResident, Boolean foreign, Match route,
                             Match customer, Match project, Match personalData) {}

    /** Facts of one candidate deployment. */
    public record DeploymentConditions(Match provider, Match providerType, Match regionProfile, Match processingRegion,
                                       Boolean serves, Boolean servesCustomerCountry, Boolean servesClientCountry,
                                       Boolean domestic) {}

    /** A low quota for the customers a rule matches, counted per customer. */
    public record Quota(Long requestsPerMinute, Long tokensPerMinute) {}
}
