package dev.contedor.api.cgroup;

/** A per-device IO limit or weight: {@code MAJOR:MINOR RATE} (bytes or operations per second). */
public record DeviceRate(int major, int minor, long rate) {
    public DeviceRate {
        if (major < 0 || minor < 0 || rate < 0) {
            throw new IllegalArgumentException("device numbers and rate must not be negative");
        }
    }

    /** {@code 8:0}. */
    public String device() {
        return major + ":" + minor;
    }
}
