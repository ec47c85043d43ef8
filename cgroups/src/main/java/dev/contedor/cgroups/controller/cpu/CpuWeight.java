package dev.contedor.cgroups.controller.cpu;

/**
 * v1 {@code cpu.shares} (2..262144, default 1024) to v2 {@code cpu.weight} (1..10000, default
 * 100), the conversion crun and Kubernetes document: {@code 1 + ((shares - 2) * 9999) / 262142},
 * a linear map of the two ranges (2 → 1, 1024 → 39, 262144 → 10000).
 */
public final class CpuWeight {
    public static final long MIN_SHARES = 2;
    public static final long MAX_SHARES = 262_144;

    private CpuWeight() {
    }

    public static long fromShares(long shares) {
        long clamped = Math.clamp(shares, MIN_SHARES, MAX_SHARES);
        return 1 + ((clamped - 2) * 9999) / 262_142;
    }
}
