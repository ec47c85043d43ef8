package dev.contedor.api.spec;

import java.util.Locale;
import java.util.Optional;

/** Linux capabilities, in kernel numbering (ordinal == capability number). */
public enum Capability {
    CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP,
    LINUX_IMMUTABLE, NET_BIND_SERVICE, NET_BROADCAST, NET_ADMIN, NET_RAW, IPC_LOCK, IPC_OWNER,
    SYS_MODULE, SYS_RAWIO, SYS_CHROOT, SYS_PTRACE, SYS_PACCT, SYS_ADMIN, SYS_BOOT, SYS_NICE,
    SYS_RESOURCE, SYS_TIME, SYS_TTY_CONFIG, MKNOD, LEASE, AUDIT_WRITE, AUDIT_CONTROL, SETFCAP,
    MAC_OVERRIDE, MAC_ADMIN, SYSLOG, WAKE_ALARM, BLOCK_SUSPEND, AUDIT_READ, PERFMON, BPF,
    CHECKPOINT_RESTORE;

    /** The kernel's number for this capability. */
    public int number() {
        return ordinal();
    }

    /** The name as docker and the OCI spec write it: {@code CAP_NET_RAW}. */
    public String ociName() {
        return "CAP_" + name();
    }

    /** Parses {@code NET_RAW}, {@code CAP_NET_RAW} or {@code net_raw}. */
    public static Optional<Capability> parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("CAP_")) {
            name = name.substring(4);
        }
        for (Capability c : values()) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
