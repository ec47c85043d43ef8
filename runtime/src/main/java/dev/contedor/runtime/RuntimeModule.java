package dev.contedor.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.contedor.api.RuntimePaths;
import dev.contedor.api.cgroup.ContainerCgroups;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.Launcher;
import dev.contedor.api.rootfs.RootfsProvider;
import dev.contedor.runtime.lifecycle.LaunchPlanner;
import dev.contedor.runtime.lifecycle.RunContainer;
import dev.contedor.runtime.plugins.Contribution;
import dev.contedor.runtime.plugins.InstalledPlugins;
import dev.contedor.runtime.state.StateStore;

/**
 * The one place the engine is wired: paths, what the installed plugins contribute (the
 * launcher, the root filesystem provider and the cgroup manager, one each; every isolator in a
 * Multibinder), and the lifecycle operations. Bindings are explicit and few, for start-up time;
 * plugins themselves never see Guice.
 */
public final class RuntimeModule extends AbstractModule {
    private final RuntimePaths paths;
    private final InstalledPlugins plugins;

    public RuntimeModule(RuntimePaths paths, InstalledPlugins plugins) {
        this.paths = paths;
        this.plugins = plugins;
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(RuntimePaths.class).toInstance(paths);
        bind(InstalledPlugins.class).toInstance(plugins);
        bind(Launcher.class).toInstance(InstalledPlugins.single(plugins.launchers(), "launcher"));
        bind(RootfsProvider.class).toInstance(InstalledPlugins.single(plugins.rootfsProviders(), "root filesystem provider"));
        bind(ContainerCgroups.class).toInstance(InstalledPlugins.single(plugins.containerCgroups(), "cgroup manager"));
        Multibinder<Isolator> set = Multibinder.newSetBinder(binder(), Isolator.class);
        plugins.isolators().stream().map(Contribution::service).forEach(i -> set.addBinding().toInstance(i));
        bind(StateStore.class).toInstance(new StateStore(paths));
        bind(LaunchPlanner.class);
        bind(RunContainer.class);
    }
}
