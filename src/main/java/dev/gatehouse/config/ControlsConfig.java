package dev.gatehouse.config;

/**
 * Which controls of the request pipeline run. All are on by default; turning one off is for a
 * gateway that only routes (and for measuring what each control costs). Key authentication is
 * always on.
 */
public record ControlsConfig(Boolean metering, Boolean limits) {
    public static final ControlsConfig DEFAULTS = new ControlsConfig(true, true);

    public ControlsConfig over(ControlsConfig base) {
        return new ControlsConfig(metering != null ? metering : base.metering, limits != null ? limits : base.limits);
    }
}
