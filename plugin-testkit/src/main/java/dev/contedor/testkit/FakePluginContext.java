package dev.contedor.testkit;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.plugin.PluginContext;
import dev.contedor.api.plugin.PluginLog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PluginContext} for tests: paths below a folder of the test's, the controllers given,
 * and a log that keeps its lines for assertions ({@link #warnings()}, {@link #debugLines()}).
 */
public final class FakePluginContext implements PluginContext {
    private final RuntimePaths paths;
    private final List<CgroupController> controllers;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> debug = new ArrayList<>();

    /** With {@code state}, {@code data} and {@code plugins} folders below {@code root} (not created). */
    public FakePluginContext(Path root, List<CgroupController> controllers) {
        this.paths = new RuntimePaths(root.resolve("state"), root.resolve("data"), root.resolve("plugins"));
        this.controllers = List.copyOf(controllers);
    }

    /** Below {@code root}, without controllers. */
    public FakePluginContext(Path root) {
        this(root, List.of());
    }

    @Override
    public RuntimePaths paths() {
        return paths;
    }

    @Override
    public List<CgroupController> cgroupControllers() {
        return controllers;
    }

    @Override
    public PluginLog log() {
        return new PluginLog() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }

            @Override
            public void debug(String message) {
                debug.add(message);
            }
        };
    }

    /** What the plugin logged as warnings, in order. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** What the plugin logged as debug lines, in order. */
    public List<String> debugLines() {
        return List.copyOf(debug);
    }
}
