package dev.contedor.testkit;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.isolation.LaunchContext;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.plugin.Plugin;
import dev.contedor.api.spec.ContainerSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * Drives a plugin as the engine does, without a host: asks for its contributions once with a
 * {@link FakePluginContext}, lets its applicable isolators contribute to a plan, and runs the
 * parent-side hooks with a {@linkplain #launchContext fake launch context}.
 *
 * <pre>{@code
 * PluginHarness harness = PluginHarness.of(new AuditPlugin(), tempDir);
 * PlanAssert.assertThat(harness.plan(spec)).providesFile("/etc/audit");
 * }</pre>
 */
public final class PluginHarness {
    private final Plugin plugin;
    private final Path root;
    private final FakePluginContext context;
    private final List<Isolator> isolators;
    private final List<CgroupController> controllers;

    private PluginHarness(Plugin plugin, Path root) {
        this.plugin = plugin;
        this.root = root;
        this.controllers = List.copyOf(plugin.cgroupControllers());
        this.context = new FakePluginContext(root, controllers);
        this.isolators = List.copyOf(plugin.isolators(context));
    }

    /**
     * @param root a folder of the test's (e.g. a JUnit {@code @TempDir}): state folders go below it
     */
    public static PluginHarness of(Plugin plugin, Path root) {
        return new PluginHarness(plugin, root);
    }

    public Plugin plugin() {
        return plugin;
    }

    /** The context the plugin was given, with what it logged. */
    public FakePluginContext context() {
        return context;
    }

    /** The plugin's isolators, as it gave them. */
    public List<Isolator> isolators() {
        return isolators;
    }

    /** The plugin's cgroup controllers, as it gave them. */
    public List<CgroupController> cgroupControllers() {
        return controllers;
    }

    /** The isolators that {@linkplain Isolator#appliesTo apply} to the container. */
    public List<Isolator> applicable(ContainerSpec spec) {
        return isolators.stream().filter(i -> i.appliesTo(spec)).toList();
    }

    /** The controllers that {@linkplain CgroupController#appliesTo(ContainerSpec) apply} to the container. */
    public List<CgroupController> applicableControllers(ContainerSpec spec) {
        return controllers.stream().filter(c -> c.appliesTo(spec)).toList();
    }

    /**
     * The plan the plugin's applicable isolators make for the container: their steps between
     * the two every plan has, the sync point and the exec (no other isolator's steps).
     */
    public LaunchPlan plan(ContainerSpec spec) {
        LaunchPlan.Builder plan = LaunchPlan.builder(stateDir(spec));
        plan.add(Phase.CLONED, new LaunchOp.AwaitParent());
        applicable(spec).forEach(i -> i.contribute(spec, plan));
        plan.add(Phase.EXEC, new LaunchOp.Exec(spec.process().args(), spec.process().env()));
        return plan.build();
    }

    /** A launch context for the container: its state folder below the test's folder, the given pid. */
    public LaunchContext launchContext(ContainerSpec spec, long pid) {
        return new LaunchContext(spec, pid, stateDir(spec));
    }

    /** Runs every applicable isolator's {@link Isolator#beforeStart} with this process's pid as the init's. */
    public LaunchContext beforeStart(ContainerSpec spec) {
        LaunchContext launch = launchContext(spec, ProcessHandle.current().pid());
        try {
            java.nio.file.Files.createDirectories(launch.stateDir());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        applicable(spec).forEach(i -> i.beforeStart(launch));
        return launch;
    }

    private Path stateDir(ContainerSpec spec) {
        return root.resolve("state").resolve(spec.id());
    }
}
