package dev.contedor.api.cgroup.stats;

/**
 * CPU time used and throttling, the same meaning on v1 and v2.
 *
 * @param usageNanos      total CPU time
 * @param userNanos       in user mode
 * @param systemNanos     in kernel mode
 * @param periods         enforcement periods elapsed (with a quota)
 * @param throttledPeriods periods in which the group hit its quota
 * @param throttledNanos  total time throttled
 */
public record CpuStats(long usageNanos, long userNanos, long systemNanos, long periods, long throttledPeriods,
                       long throttledNanos) {
}
