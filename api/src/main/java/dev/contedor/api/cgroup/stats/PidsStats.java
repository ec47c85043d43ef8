package dev.contedor.api.cgroup.stats;

import java.util.OptionalLong;

/** Tasks in the group, its limit (absent when unlimited) and how often a fork was refused. */
public record PidsStats(long current, OptionalLong limit, long refusedForks) {
}
