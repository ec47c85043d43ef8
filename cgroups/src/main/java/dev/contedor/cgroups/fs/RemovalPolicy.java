package dev.contedor.cgroups.fs;

import java.time.Duration;

/**
 * How a cgroup folder is removed while the kernel still answers EBUSY (killed processes take
 * a moment to leave): retried {@link #retryInterval} apart for at most {@link #busyTimeout},
 * killing what it still lists before each retry. The one policy, used by the runtime's own
 * removal ({@link FolderRemover}) and sent, as explicit steps, to the launcher that removes
 * the folders when the runtime died first.
 */
public record RemovalPolicy(Duration busyTimeout, Duration retryInterval) {
    /** contedor's: 5 s, 10 ms apart. */
    public static final RemovalPolicy DEFAULT = new RemovalPolicy(Duration.ofSeconds(5), Duration.ofMillis(10));

    public RemovalPolicy {
        if (busyTimeout.isNegative() || retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("a removal policy needs a timeout and a positive interval");
        }
    }

    /** The default interval, with another timeout (tests). */
    public static RemovalPolicy within(Duration busyTimeout) {
        return new RemovalPolicy(busyTimeout, DEFAULT.retryInterval);
    }

    /** How many times removal is tried in all. */
    public int attempts() {
        return (int) Math.max(1, busyTimeout.toMillis() / Math.max(1, retryInterval.toMillis()) + 1);
    }
}
