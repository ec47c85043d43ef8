package dev.contedor.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.contedor.api.RuntimePaths;
import dev.contedor.runtime.lifecycle.LaunchPlanner;
import dev.contedor.runtime.lifecycle.RunContainer;

/** The engine, assembled: the entry point the CLI (and tests, and benchmarks) use. */
public final class Engine {
    private final Injector injector;

    private Engine(Injector injector) {
        this.injector = injector;
    }

    public static Engine start(RuntimePaths paths) {
        return new Engine(Guice.createInjector(Stage.PRODUCTION, new RuntimeModule(paths)));
    }

    public RunContainer run() {
        return injector.getInstance(RunContainer.class);
    }

    public LaunchPlanner planner() {
        return injector.getInstance(LaunchPlanner.class);
    }
}
