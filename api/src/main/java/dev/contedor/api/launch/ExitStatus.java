package dev.contedor.api.launch;

/**
 * How a container's init process ended: an exit code, or the signal that killed it.
 *
 * @param code   the exit code when {@code signal == 0}
 * @param signal the killing signal, 0 when the process exited
 */
public record ExitStatus(int code, int signal) {
    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0);
    }

    public static ExitStatus killed(int signal) {
        return new ExitStatus(0, signal);
    }

    /** The shell convention docker follows: the code, or 128 + the signal number. */
    public int exitCode() {
        return signal != 0 ? 128 + signal : code;
    }
}
