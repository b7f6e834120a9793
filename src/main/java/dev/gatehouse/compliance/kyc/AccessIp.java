package dev.gatehouse.compliance.kyc;

import java.time.Instant;

/** An IP address a customer used, for the model API ({@code api}) or the admin API ({@code admin}). */
public record AccessIp(String ip, String kind, Instant firstSeen, Instant lastSeen) {}
