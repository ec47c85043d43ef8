package dev.contedor.cgroups.signal;

/** The libc calls the JDK has no equivalent for, bound with jnr-ffi. */
public interface LibC {
    int kill(int pid, int signal);

    String strerror(int errnum);
}
