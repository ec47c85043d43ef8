package dev.contedor.api.cgroup.stats;

/** IO done by the group on one block device ({@code MAJOR:MINOR}). */
public record IoStats(String device, long readBytes, long writeBytes, long readOps, long writeOps) {
}
