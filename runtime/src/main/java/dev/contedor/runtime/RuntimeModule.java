package dev.contedor.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.contedor.api.RuntimePaths;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.Launcher;
import dev.contedor.api.rootfs.RootfsProvider;
import dev.contedor.runtime.lifecycle.LaunchPlanner;
import dev.contedor.runtime.lifecycle.RunContainer;
import dev.contedor.runtime.plugins.PluginLoader;
import dev.contedor.runtime.state.StateStore;

import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The one place the engine is wired: paths, the launcher and root filesystem provider found
 * by ServiceLoader, every isolator (built-in and plugin) in a Multibinder, and the lifecycle
 * operations. Bindings are explicit and few, for start-up time.
 */
public final class RuntimeModule extends AbstractModule {
    private final RuntimePaths paths;
    private final List<Isolator> isolators;

    public RuntimeModule(RuntimePaths paths) {
        this.paths = paths;
        this.isolators = new PluginLoader(RuntimeModule.class.getClassLoader()).load(paths.pluginsDir());
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(RuntimePaths.class).toInstance(paths);
        bind(Launcher.class).toInstance(single(Launcher.class, "launcher"));
        bind(RootfsProvider.class).toInstance(single(RootfsProvider.class, "root filesystem provider"));
        Multibinder<Isolator> set = Multibinder.newSetBinder(binder(), Isolator.class);
        isolators.forEach(i -> set.addBinding().toInstance(i));
        bind(StateStore.class).toInstance(new StateStore(paths));
        bind(LaunchPlanner.class);
        bind(RunContainer.class);
    }

    private static <T> T single(Class<T> type, String what) {
        Iterator<T> it = ServiceLoader.load(type, RuntimeModule.class.getClassLoader()).iterator();
        if (!it.hasNext()) {
            throw ContedorException.runtime("no " + what + " (" + type.getName() + ") on the class path: "
                    + "the installation is incomplete, rebuild with mvn package");
        }
        return it.next();
    }
}
