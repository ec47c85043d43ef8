package dev.contedor.runtime.spec;

/** A {@code dev_t} (as {@code stat} gives it, {@code unix:rdev}) split as glibc's {@code major()} and {@code minor()} do. */
final class DeviceNumbers {
    private DeviceNumbers() {
    }

    static int major(long rdev) {
        return (int) (((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfff));
    }

    static int minor(long rdev) {
        return (int) (((rdev >>> 12) & 0xffffff00L) | (rdev & 0xff));
    }
}
