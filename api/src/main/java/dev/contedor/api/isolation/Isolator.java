package dev.contedor.api.isolation;

import dev.contedor.api.launch.Leftover;

import dev.contedor.api.launch.ExitStatus;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.state.ContainerState;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One concern of a container's isolation (a namespace, a set of mounts, capabilities, a
 * cgroup controller...). The engine asks every isolator that {@linkplain #appliesTo applies}
 * to contribute to the launch plan, runs the parent-side hooks while the child waits, and
 * cleans up after exit.
 *
 * <p>Built-in isolators and plugin isolators come alike from a
 * {@link dev.contedor.api.plugin.Plugin#isolators plugin}. They must be stateless between
 * containers: anything a container owns is found again from its {@link ContainerState}.
 */
public interface Isolator {

    /** A unique, stable name: {@code uts}, {@code mount}, {@code cgroup.memory}. */
    String name();

    /** Names of isolators whose contributions must come before this one's (e.g. network after user). */
    default Set<String> after() {
        return Set.of();
    }

    /** Whether this isolator has anything to do for the container. */
    boolean appliesTo(ContainerSpec spec);

    /** Adds namespaces and child-side operations to the plan. Must not touch the system. */
    void contribute(ContainerSpec spec, LaunchPlan.Builder plan);

    /**
     * Runs in the runtime after clone, while the child waits: the pid is known, nothing of
     * the user's command has run yet. Throwing aborts the launch.
     */
    default void beforeStart(LaunchContext context) {
    }

    /**
     * What {@link #beforeStart} would do for this container, one line per step, in the words
     * of the course ({@code write memory.max = 67108864 in /sys/fs/cgroup/contedor/ID}), for
     * {@code run --explain}. Must not change the system. Empty for an isolator without one.
     */
    default List<String> describeBeforeStart(ContainerSpec spec) {
        return List.of();
    }

    /**
     * What {@link #beforeStart} made on the host and {@link #afterExit} removes, for the
     * launcher to remove instead if the runtime dies while the container runs.
     */
    default List<Leftover> leftovers(LaunchContext context) {
        return List.of();
    }

    /**
     * After the init ended and before {@link #afterExit}: one line that explains the end to the
     * user when this isolator knows why (the OOM killer, a refused fork), else empty.
     */
    default Optional<String> explainExit(ContainerState state, ExitStatus exit) {
        return Optional.empty();
    }

    /** Releases what this isolator made for the container. Idempotent: also called on delete of a half-created one. */
    default void afterExit(ContainerState state) {
    }
}
