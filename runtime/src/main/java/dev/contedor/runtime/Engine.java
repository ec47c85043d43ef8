package dev.contedor.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.contedor.api.RuntimePaths;
import dev.contedor.api.cgroup.ContainerCgroups;
import dev.contedor.runtime.lifecycle.LaunchPlanner;
import dev.contedor.runtime.lifecycle.RunContainer;
import dev.contedor.runtime.plugins.InstalledPlugins;
import dev.contedor.runtime.plugins.PluginManager;
import dev.contedor.runtime.plugins.PluginReport;

import java.io.PrintStream;

/**
 * The engine, assembled: the entry point the CLI (and tests, and benchmarks) use. Built only
 * by the commands that need it: plugins are installed and the injector is made here, not on
 * every command's path.
 */
public final class Engine {
    private final Injector injector;

    private Engine(Injector injector) {
        this.injector = injector;
    }

    public static Engine start(RuntimePaths paths) {
        return start(paths, false, System.err);
    }

    /**
     * Installs the plugins (a refused one is one warning line on {@code warnings}; the others
     * run) and wires the engine in one production-stage injector.
     *
     * @param debug whether plugins' debug lines are shown
     */
    public static Engine start(RuntimePaths paths, boolean debug, PrintStream warnings) {
        InstalledPlugins plugins = plugins(paths, debug);
        for (PluginReport refused : plugins.refused()) {
            warnings.println("contedor: warning: plugin " + refused.source().describe() + " refused: "
                    + refused.reason().orElse("?") + " (it is left out; 'contedor plugins ls' lists plugins)");
        }
        return new Engine(Guice.createInjector(Stage.PRODUCTION, new RuntimeModule(paths, plugins)));
    }

    /** Every plugin found and what it contributes, without building the engine ({@code contedor plugins ls}). */
    public static InstalledPlugins plugins(RuntimePaths paths, boolean debug) {
        return new PluginManager(Engine.class.getClassLoader(), paths, debug).install();
    }

    public RunContainer run() {
        return injector.getInstance(RunContainer.class);
    }

    public LaunchPlanner planner() {
        return injector.getInstance(LaunchPlanner.class);
    }

    /** Stats, pause, resume and kill-all of containers' cgroups on this host. */
    public ContainerCgroups cgroups() {
        return injector.getInstance(ContainerCgroups.class);
    }

    public InstalledPlugins installedPlugins() {
        return injector.getInstance(InstalledPlugins.class);
    }
}
