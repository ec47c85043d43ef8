package dev.contedor.api.cgroup.stats;

import java.util.OptionalLong;

/**
 * Memory use, the same meaning on v1 and v2 (cAdvisor's definitions).
 *
 * @param usageBytes      current usage (v1 {@code memory.usage_in_bytes}, v2 {@code memory.current})
 * @param workingSetBytes usage minus inactive file pages: what the OOM killer looks at
 * @param rssBytes        anonymous memory
 * @param cacheBytes      page cache
 * @param limitBytes      the limit, absent when unlimited
 * @param failcnt         times usage hit the limit (v1 {@code failcnt}, v2 {@code memory.events max})
 * @param oomEvents       times the group was out of memory
 * @param oomKills        processes the OOM killer killed in the group
 */
public record MemoryStats(long usageBytes, long workingSetBytes, long rssBytes, long cacheBytes,
                          OptionalLong limitBytes, long failcnt, long oomEvents, long oomKills) {
}
