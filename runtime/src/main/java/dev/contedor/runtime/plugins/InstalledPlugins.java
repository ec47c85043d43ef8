package dev.contedor.runtime.plugins;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.ContainerCgroups;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.Launcher;
import dev.contedor.api.rootfs.RootfsProvider;

import java.util.List;

/**
 * Everything the enabled plugins contribute, and a report of every plugin found (enabled,
 * disabled or refused): what the engine is wired from and what {@code contedor plugins ls}
 * shows.
 */
public record InstalledPlugins(List<Contribution<Isolator>> isolators,
                               List<Contribution<CgroupController>> cgroupControllers,
                               List<Contribution<RootfsProvider>> rootfsProviders,
                               List<Contribution<Launcher>> launchers,
                               List<Contribution<ContainerCgroups>> containerCgroups,
                               List<PluginReport> reports) {
    public InstalledPlugins {
        isolators = List.copyOf(isolators);
        cgroupControllers = List.copyOf(cgroupControllers);
        rootfsProviders = List.copyOf(rootfsProviders);
        launchers = List.copyOf(launchers);
        containerCgroups = List.copyOf(containerCgroups);
        reports = List.copyOf(reports);
    }

    /** The plugins that could not be used, for one warning line each. */
    public List<PluginReport> refused() {
        return reports.stream().filter(r -> r.status() == PluginReport.Status.REFUSED).toList();
    }

    /** The one service of a kind the engine uses (the launcher, the root filesystem provider, the cgroup manager). */
    public static <T> T single(List<Contribution<T>> contributions, String what) {
        if (contributions.isEmpty()) {
            throw ContedorException.runtime("no plugin provides a " + what
                    + ": the installation is incomplete (contedor plugins ls shows what is there); rebuild with mvn package");
        }
        return contributions.getFirst().service();
    }
}
