package dev.gatehouse.compliance.kyc;

import java.util.List;

/** What screening a customer did: the run, the cases it opened, and whether it suspended the customer. */
public record ScreeningOutcome(ScreeningRun run, List<ScreeningCase> opened, boolean suspended) {
    public ScreeningOutcome {
        opened = List.copyOf(opened);
    }
}
