package dev.contedor.cgroups.controller.devices;

/**
 * One allow rule in cgroup v1's {@code devices.allow} syntax, {@code TYPE MAJOR:MINOR ACCESS}
 * ({@code c 1:3 rwm}, {@code c 136:* rwm}, {@code a}): what both versions enforce, v1 by writing
 * it, v2 by compiling it into the eBPF program ({@link DeviceProgram}).
 *
 * @param type   {@code 'a'} (any), {@code 'b'} (block) or {@code 'c'} (character)
 * @param major  the major number, {@link #ANY} for {@code *}
 * @param minor  the minor number, {@link #ANY} for {@code *}
 * @param access a non-empty subset of {@code rwm}: read, write, mknod
 */
public record DeviceRule(char type, long major, long minor, String access) {
    public static final long ANY = -1;

    public DeviceRule {
        if (type != 'a' && type != 'b' && type != 'c') {
            throw new IllegalArgumentException("device type must be a, b or c: " + type);
        }
        if (access.isEmpty() || !access.matches("r?w?m?")) {
            throw new IllegalArgumentException("device access must be a subset of rwm: " + access);
        }
        if (major < ANY || minor < ANY || major > Integer.MAX_VALUE || minor > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("device numbers out of range: " + major + ":" + minor);
        }
    }

    /** {@code c 1:3 rwm}, {@code b *:* m}, or {@code a} (every device, every access). */
    public static DeviceRule parse(String rule) {
        String[] parts = rule.strip().split("\\s+");
        if (parts.length == 1 && parts[0].equals("a")) {
            return new DeviceRule('a', ANY, ANY, "rwm");
        }
        if (parts.length != 3 || parts[0].length() != 1) {
            throw new IllegalArgumentException("not a device rule (TYPE MAJOR:MINOR ACCESS): " + rule);
        }
        String[] numbers = parts[1].split(":", -1);
        if (numbers.length != 2) {
            throw new IllegalArgumentException("not a device rule (TYPE MAJOR:MINOR ACCESS): " + rule);
        }
        return new DeviceRule(parts[0].charAt(0), number(numbers[0], rule), number(numbers[1], rule), parts[2]);
    }

    private static long number(String text, String rule) {
        if (text.equals("*")) {
            return ANY;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a device number in " + rule + ": " + text, e);
        }
    }

    @Override
    public String toString() {
        if (type == 'a') {
            return "a";
        }
        return type + " " + (major == ANY ? "*" : Long.toString(major)) + ":" + (minor == ANY ? "*" : Long.toString(minor))
                + " " + access;
    }
}
