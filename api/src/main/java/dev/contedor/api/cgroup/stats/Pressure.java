package dev.contedor.api.cgroup.stats;

/** Pressure stall information ("some" line): share of time stalled over 10/60/300 s, and the total. */
public record Pressure(double avg10, double avg60, double avg300, long totalMicros) {
}
