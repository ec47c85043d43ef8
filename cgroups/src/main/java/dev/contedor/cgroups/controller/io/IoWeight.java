package dev.contedor.cgroups.controller.io;

/**
 * docker's {@code --blkio-weight} (10..1000, the v1 and BFQ range) to the v2 {@code io.weight}
 * range (1..10000, default 100), the linear map runc and crun use: {@code 1 + (w - 10) * 9999 / 990}.
 */
public final class IoWeight {
    private IoWeight() {
    }

    public static long fromBlkioWeight(int weight) {
        long clamped = Math.clamp(weight, 10, 1000);
        return 1 + (clamped - 10) * 9999 / 990;
    }
}
