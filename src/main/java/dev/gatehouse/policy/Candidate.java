package dev.gatehouse.policy;

import dev.gatehouse.policy.regions.ProviderRegion;
import dev.gatehouse.routing.Deployment;

/** A deployment the request may still go to, with where its provider processes and whom it serves. */
public record Candidate(Deployment deployment, ProviderRegion region) {
    public String label() { return deployment.label(); }
}
