package dev.contedor.api.plugin;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.ContainerCgroups;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.Launcher;
import dev.contedor.api.rootfs.RootfsProvider;

import java.util.List;

/**
 * The one way to extend contedor: a plugin contributes isolators, cgroup controllers, root
 * filesystem providers and launchers. contedor's own modules (namespaces, cgroups, rootfs)
 * are plugins too, found the same way as a jar in the plugins folder.
 *
 * <p>A plugin is plain Java against this API: list the implementing class in
 * {@code META-INF/services/dev.contedor.api.plugin.Plugin}, give it a public no-argument
 * constructor that does nothing (contedor makes the object to learn its name, also for
 * {@code contedor plugins ls} and for a disabled plugin), and declare the SPI version it
 * was built for in its jar's manifest ({@value SpiVersion#MANIFEST_ATTRIBUTE}).
 *
 * <p>Every method but {@link #name()} has a default that contributes nothing, so a plugin
 * overrides only what it brings, and a later SPI version can add kinds of contribution
 * (network drivers are next) without breaking existing plugins.
 *
 * <p>The engine calls each method at most once per process, after {@link #name()}, in this
 * order: {@link #cgroupControllers()}, then the others with a {@link PluginContext} that
 * already knows every plugin's controllers. A method that throws refuses the whole plugin.
 */
public interface Plugin {

    /**
     * A unique, stable name: lowercase letters, digits, dots and dashes ({@code namespaces},
     * {@code acme-audit}). {@code contedor plugins ls} shows it and {@code contedor plugins
     * disable NAME} uses it.
     */
    String name();

    /** The plugin's own version, shown by {@code contedor plugins ls}; by default its jar's Implementation-Version. */
    default String version() {
        String version = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /** Cgroup controllers: one resource each ({@code memory}, {@code pids}, ...). Stateless; no context needed. */
    default List<CgroupController> cgroupControllers() {
        return List.of();
    }

    /** Isolators: the concerns of a container's isolation, asked to contribute to every launch plan. */
    default List<Isolator> isolators(PluginContext context) {
        return List.of();
    }

    /** Root filesystem providers; an engine uses exactly one (contedor's own unless replaced). */
    default List<RootfsProvider> rootfsProviders(PluginContext context) {
        return List.of();
    }

    /** Launchers that start a container init from a plan; an engine uses exactly one. */
    default List<Launcher> launchers(PluginContext context) {
        return List.of();
    }

    /**
     * The host's cgroup manager (stats, freeze, kill-all of a container); an engine uses
     * exactly one, contedor's cgroups plugin brings it.
     */
    default List<ContainerCgroups> containerCgroups(PluginContext context) {
        return List.of();
    }

    // Network drivers (CNI networks) come here in a later SPI minor version, as a default
    // method returning an empty list, so that plugins built for this version keep loading.
}
