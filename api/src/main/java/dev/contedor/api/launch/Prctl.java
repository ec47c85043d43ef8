package dev.contedor.api.launch;

/**
 * The {@code prctl(2)} options a container's init may set, each with its kernel number and
 * the values it accepts: the few that outlive {@code execve} and change nothing outside the
 * container.
 */
public enum Prctl {
    /** {@code PR_SET_NO_NEW_PRIVS}: execve never grants privileges again (setuid bits, file capabilities). Value 1. */
    NO_NEW_PRIVS(38, "PR_SET_NO_NEW_PRIVS", 1, 1),
    /** {@code PR_SET_THP_DISABLE}: no transparent huge pages for the container's processes. Value 1. */
    THP_DISABLE(41, "PR_SET_THP_DISABLE", 1, 1),
    /** {@code PR_SET_CHILD_SUBREAPER}: the command adopts orphaned descendants. 0 or 1. */
    CHILD_SUBREAPER(36, "PR_SET_CHILD_SUBREAPER", 0, 1),
    /** {@code PR_SET_TIMERSLACK}: timer slack in nanoseconds, 1 to 1 second's worth. */
    TIMERSLACK(29, "PR_SET_TIMERSLACK", 1, 1_000_000_000L);

    private final int number;
    private final String kernelName;
    private final long min;
    private final long max;

    Prctl(int number, String kernelName, long min, long max) {
        this.number = number;
        this.kernelName = kernelName;
        this.min = min;
        this.max = max;
    }

    /** The option's number ({@code PR_SET_*}). */
    public int number() {
        return number;
    }

    public String kernelName() {
        return kernelName;
    }

    void check(long value) {
        if (value < min || value > max) {
            throw new InvalidLaunchOpException("prctl " + kernelName + " " + value + ": give a value from " + min
                    + " to " + max);
        }
    }
}
