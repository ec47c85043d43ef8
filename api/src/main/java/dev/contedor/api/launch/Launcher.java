package dev.contedor.api.launch;

import java.nio.file.Path;

/**
 * Starts a container init from a {@link LaunchPlan}. The built-in one runs the native stage;
 * others (e.g. a micro-VM) may come. Contributed by a {@link dev.contedor.api.plugin.Plugin}; the engine uses one.
 */
public interface Launcher {

    /** A short name, e.g. {@code native}. */
    String name();

    /**
     * Clones the container init as the plan says and returns once its pid is known and it
     * waits for {@link LaunchedProcess#proceed()}. The standard streams are the caller's.
     *
     * @param stateDir the container's state folder, for the launcher's own sockets or files
     */
    LaunchedProcess launch(LaunchPlan plan, Path stateDir);
}
