package dev.contedor.cli;

import dev.contedor.api.RuntimePaths;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** Options every command takes: where state, data and plugins live, and --debug. */
public final class GlobalOptions {
    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "State folder for running containers (default: ${DEFAULT-VALUE}).")
    Path stateRoot = RuntimePaths.DEFAULT_STATE_ROOT;

    @Option(names = "--data-root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder for root filesystems and images (default: ${DEFAULT-VALUE}).")
    Path dataRoot = RuntimePaths.DEFAULT_DATA_ROOT;

    @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder of isolator plugin jars (default: $CONTEDOR_PLUGINS, else DATA-ROOT/plugins).")
    Path pluginsDir;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    public boolean debug;

    public RuntimePaths paths() {
        Path plugins = pluginsDir;
        if (plugins == null) {
            String env = System.getenv("CONTEDOR_PLUGINS");
            plugins = env != null && !env.isEmpty() ? Path.of(env) : dataRoot.resolve("plugins");
        }
        return new RuntimePaths(stateRoot.toAbsolutePath(), dataRoot.toAbsolutePath(), plugins.toAbsolutePath());
    }
}
