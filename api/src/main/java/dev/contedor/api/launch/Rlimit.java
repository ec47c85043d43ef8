package dev.contedor.api.launch;

import java.util.Locale;

/** The resources {@code setrlimit(2)} limits, in the kernel's numbering (ordinal == RLIMIT_* number). */
public enum Rlimit {
    CPU, FSIZE, DATA, STACK, CORE, RSS, NPROC, NOFILE, MEMLOCK, AS, LOCKS, SIGPENDING, MSGQUEUE, NICE, RTPRIO, RTTIME;

    /** The kernel's number. */
    public int number() {
        return ordinal();
    }

    /** The name as the OCI spec and docker's {@code --ulimit} write it: {@code RLIMIT_NOFILE}. */
    public String ociName() {
        return "RLIMIT_" + name();
    }

    /** The name as {@code /proc/PID/limits} writes it, lower case: {@code nofile}. */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
