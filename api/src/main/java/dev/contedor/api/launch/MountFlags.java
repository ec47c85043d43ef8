package dev.contedor.api.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code mount(2)} flags, and the parser from OCI/mount(8) option words to flags plus data. */
public final class MountFlags {
    public static final long RDONLY = 1L;
    public static final long NOSUID = 2L;
    public static final long NODEV = 4L;
    public static final long NOEXEC = 8L;
    public static final long REMOUNT = 32L;
    public static final long NOATIME = 1024L;
    public static final long NODIRATIME = 2048L;
    public static final long BIND = 4096L;
    public static final long MOVE = 8192L;
    public static final long REC = 16384L;
    public static final long PRIVATE = 1L << 18;
    public static final long SLAVE = 1L << 19;
    public static final long SHARED = 1L << 20;
    public static final long RELATIME = 1L << 21;
    public static final long STRICTATIME = 1L << 24;
    /** The propagation flags: with only these (and {@link #REC}), mount(2) changes propagation. */
    public static final long PROPAGATION = PRIVATE | SLAVE | SHARED;
    /** The flags a bind mount gets only through a remount. */
    public static final long PER_MOUNT = RDONLY | NOSUID | NODEV | NOEXEC | NOATIME | NODIRATIME | RELATIME | STRICTATIME
            | BIND | REMOUNT;

    private static final Map<String, Long> SET = Map.ofEntries(
            Map.entry("ro", RDONLY), Map.entry("nosuid", NOSUID), Map.entry("nodev", NODEV),
            Map.entry("noexec", NOEXEC), Map.entry("remount", REMOUNT), Map.entry("noatime", NOATIME),
            Map.entry("nodiratime", NODIRATIME), Map.entry("bind", BIND), Map.entry("rbind", BIND | REC),
            Map.entry("relatime", RELATIME), Map.entry("strictatime", STRICTATIME),
            Map.entry("private", PRIVATE), Map.entry("rprivate", PRIVATE | REC),
            Map.entry("slave", SLAVE), Map.entry("rslave", SLAVE | REC),
            Map.entry("shared", SHARED), Map.entry("rshared", SHARED | REC));
    private static final List<String> CLEARING = List.of("rw", "suid", "dev", "exec", "atime", "diratime");

    private MountFlags() {
    }

    /** Flags and file-system data parsed from option words. */
    public record Parsed(long flags, String data) {
    }

    /** Splits option words into flags and the comma-joined rest, which is file-system data. */
    public static Parsed parse(List<String> options) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String option : options) {
            Long flag = SET.get(option);
            if (flag != null) {
                flags |= flag;
            } else if (!CLEARING.contains(option)) {
                data.add(option);
            }
        }
        return new Parsed(flags, String.join(",", data));
    }

    /** The option words for flags, for {@code --explain}. */
    public static String describe(long flags) {
        List<String> words = new ArrayList<>();
        if ((flags & BIND) != 0) words.add((flags & REC) != 0 ? "rbind" : "bind");
        if ((flags & REMOUNT) != 0) words.add("remount");
        if ((flags & RDONLY) != 0) words.add("ro");
        if ((flags & NOSUID) != 0) words.add("nosuid");
        if ((flags & NODEV) != 0) words.add("nodev");
        if ((flags & NOEXEC) != 0) words.add("noexec");
        if ((flags & NOATIME) != 0) words.add("noatime");
        if ((flags & NODIRATIME) != 0) words.add("nodiratime");
        if ((flags & RELATIME) != 0) words.add("relatime");
        if ((flags & STRICTATIME) != 0) words.add("strictatime");
        if ((flags & PRIVATE) != 0) words.add((flags & REC) != 0 ? "rprivate" : "private");
        if ((flags & SLAVE) != 0) words.add((flags & REC) != 0 ? "rslave" : "slave");
        if ((flags & SHARED) != 0) words.add((flags & REC) != 0 ? "rshared" : "shared");
        return String.join(",", words);
    }
}
