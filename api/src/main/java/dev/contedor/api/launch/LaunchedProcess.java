package dev.contedor.api.launch;

import java.util.List;

/**
 * A container init started by a {@link Launcher}: cloned into its namespaces and paused
 * before its first operation until {@link #proceed()}.
 */
public interface LaunchedProcess extends AutoCloseable {

    /** The init's pid, as the host sees it. */
    long pid();

    /**
     * Lets the child run its operations, then waits until it has called execve.
     *
     * @throws LaunchFailedException when an operation failed; the child is then gone
     */
    void proceed();

    /**
     * What the runtime will remove after the container's end, for the launcher to remove
     * instead if the runtime dies first, in this order, once the container is dead.
     */
    default void removeIfOrphaned(List<Leftover> leftovers) {
    }

    /** Forwards a signal to the container's init. */
    void signal(int signal);

    /** Waits for the container's init to end. */
    ExitStatus waitFor();

    /** Kills the child if it still runs and releases the launcher's resources. Idempotent. */
    @Override
    void close();
}
