package dev.contedor.runtime.plugins;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.ContainerCgroups;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.Launcher;
import dev.contedor.api.plugin.Plugin;
import dev.contedor.api.plugin.PluginContext;
import dev.contedor.api.plugin.PluginLog;
import dev.contedor.api.plugin.SpiVersion;
import dev.contedor.api.rootfs.RootfsProvider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Installs plugins, one way for all: contedor's own and every jar or folder of jars in the
 * plugins folder, as {@link PluginDiscovery} finds them; then the disabled ones are left out
 * and the others asked for their contributions, controllers first.
 *
 * <p>An external plugin that cannot be used (unreadable, built for another SPI version, a
 * class that does not load, a hook that throws, a name already taken) is <em>refused</em>:
 * reported with the reason and left out, and the others still run, as docker and podman go
 * on without a broken plugin. A built-in that cannot be used means a broken installation and
 * stops the command.
 */
public final class PluginManager {
    private final ClassLoader contedor;
    private final RuntimePaths paths;
    private final boolean debug;

    /**
     * @param contedor the loader of contedor's own classes: finds the built-ins, provides the SPI to plugins
     * @param debug    whether plugins' debug lines are shown
     */
    public PluginManager(ClassLoader contedor, RuntimePaths paths, boolean debug) {
        this.contedor = contedor;
        this.paths = paths;
        this.debug = debug;
    }


    /** Finds every plugin and collects what the enabled ones contribute. */
    public InstalledPlugins install() {
        List<PluginReport> reports = new ArrayList<>();
        PluginDiscovery discovery = new PluginDiscovery(contedor);
        List<Candidate> candidates = new ArrayList<>(discovery.builtIns());
        for (Path entry : PluginDiscovery.entries(paths.pluginsDir())) {
            try {
                candidates.addAll(discovery.external(entry));
            } catch (PluginRefusal r) {
                reports.add(refused(PluginDiscovery.fileName(entry), null, new PluginSource.External(entry), r));
            }
        }
        Set<String> disabled = new DisabledPlugins(paths.dataRoot()).names();
        Map<String, Candidate> byName = new HashMap<>();
        List<Candidate> enabled = new ArrayList<>();
        for (Candidate c : candidates) {
            Candidate other = byName.putIfAbsent(c.name(), c);
            if (other != null) {
                refuseOrFail(reports, c, new PluginRefusal("the name '" + c.name() + "' is already taken by the plugin from "
                        + other.source().describe() + "; rename one of them"));
            } else if (!c.builtIn() && disabled.contains(c.name())) {
                reports.add(report(c, PluginReport.Status.DISABLED, List.of(), null));
            } else {
                enabled.add(c);
            }
        }
        return contributions(enabled, reports);
    }

    private InstalledPlugins contributions(List<Candidate> enabled, List<PluginReport> reports) {
        // controllers first: the context gives them to plugins that drive cgroups
        List<Contribution<CgroupController>> controllers = new ArrayList<>();
        Map<String, String> controllerOwners = new HashMap<>();
        List<Candidate> withControllers = new ArrayList<>();
        Map<Candidate, List<String>> described = new HashMap<>();
        for (Candidate c : enabled) {
            try {
                List<CgroupController> own = ask(c, "cgroupControllers", p -> p.cgroupControllers());
                List<String> names = new ArrayList<>();
                for (CgroupController controller : own) {
                    String name = serviceName(c, "cgroup controller", controller::name);
                    String owner = controllerOwners.get(name);
                    if (owner != null) {
                        throw new PluginRefusal("its cgroup controller '" + name + "' is already brought by plugin " + owner);
                    }
                    names.add(name);
                }
                names.forEach(n -> controllerOwners.put(n, c.name()));
                own.forEach(k -> controllers.add(new Contribution<>(k, c.name(), c.source())));
                described.put(c, new ArrayList<>(names.stream().map(n -> "cgroup controller " + n).toList()));
                withControllers.add(c);
            } catch (PluginRefusal r) {
                refuseOrFail(reports, c, r);
            }
        }
        List<Contribution<CgroupController>> finalControllers = controllers;
        List<Contribution<Isolator>> isolators = new ArrayList<>();
        List<Contribution<RootfsProvider>> rootfs = new ArrayList<>();
        List<Contribution<Launcher>> launchers = new ArrayList<>();
        List<Contribution<ContainerCgroups>> cgroups = new ArrayList<>();
        Map<String, String> isolatorOwners = new HashMap<>();
        for (Candidate c : withControllers) {
            PluginContext context = new Context(paths, () -> finalControllers.stream().map(Contribution::service).toList(),
                    new StderrPluginLog(c.name(), debug));
            List<String> what = described.get(c);
            try {
                List<Isolator> own = ask(c, "isolators", p -> p.isolators(context));
                Set<String> names = new LinkedHashSet<>();
                for (Isolator isolator : own) {
                    String name = serviceName(c, "isolator", isolator::name);
                    String owner = isolatorOwners.get(name);
                    if (owner != null || !names.add(name)) {
                        throw new PluginRefusal("its isolator '" + name + "' is already brought by plugin "
                                + (owner == null ? c.name() : owner));
                    }
                }
                List<RootfsProvider> ownRootfs = ask(c, "rootfsProviders", p -> p.rootfsProviders(context));
                List<Launcher> ownLaunchers = ask(c, "launchers", p -> p.launchers(context));
                List<ContainerCgroups> ownCgroups = ask(c, "containerCgroups", p -> p.containerCgroups(context));
                onlyOne(c, "root filesystem provider", rootfs, ownRootfs);
                onlyOne(c, "launcher", launchers, ownLaunchers);
                onlyOne(c, "cgroup manager", cgroups, ownCgroups);
                names.forEach(n -> isolatorOwners.put(n, c.name()));
                own.forEach(i -> isolators.add(new Contribution<>(i, c.name(), c.source())));
                ownRootfs.forEach(r -> rootfs.add(new Contribution<>(r, c.name(), c.source())));
                ownLaunchers.forEach(l -> launchers.add(new Contribution<>(l, c.name(), c.source())));
                ownCgroups.forEach(g -> cgroups.add(new Contribution<>(g, c.name(), c.source())));
                names.forEach(n -> what.add("isolator " + n));
                ownRootfs.forEach(r -> what.add("rootfs provider " + r.getClass().getSimpleName()));
                ownLaunchers.forEach(l -> what.add("launcher " + safeName(l)));
                ownCgroups.forEach(g -> what.add("cgroup manager"));
                reports.add(report(c, PluginReport.Status.ENABLED, what, null));
            } catch (PluginRefusal r) {
                controllers.removeIf(k -> k.plugin().equals(c.name()));
                refuseOrFail(reports, c, r);
            }
        }
        return new InstalledPlugins(isolators, controllers, rootfs, launchers, cgroups, reports);
    }

    /** The engine uses one of each of these; a second would be ignored silently, so it refuses its plugin. */
    private static <T> void onlyOne(Candidate c, String what, List<Contribution<T>> found, List<T> more) throws PluginRefusal {
        if (more.size() > 1 || (!more.isEmpty() && !found.isEmpty())) {
            String first = found.isEmpty() ? c.name() : found.getFirst().plugin();
            throw new PluginRefusal("it brings a " + what + ", but contedor uses exactly one and plugin " + first
                    + " already brings it (choosing one by name is not supported yet)");
        }
    }

    private static String safeName(Launcher launcher) {
        try {
            return launcher.name();
        } catch (RuntimeException e) {
            return launcher.getClass().getSimpleName();
        }
    }

    private interface Hook<T> {
        List<T> call(Plugin plugin);
    }

    /** Calls one of the plugin's hooks; whatever it throws refuses the plugin. */
    private static <T> List<T> ask(Candidate c, String method, Hook<T> hook) throws PluginRefusal {
        List<T> result;
        try {
            result = hook.call(c.plugin());
        } catch (RuntimeException | LinkageError e) {
            throw new PluginRefusal(method + "() failed: " + causes(e), e);
        }
        if (result == null || result.stream().anyMatch(Objects::isNull)) {
            throw new PluginRefusal(method + "() returned null or a list holding null; return an empty list instead");
        }
        return List.copyOf(result);
    }

    private static String serviceName(Candidate c, String what, Supplier<String> name) throws PluginRefusal {
        try {
            String n = name.get();
            if (n == null || n.isBlank()) {
                throw new PluginRefusal("a " + what + " of it has no name");
            }
            return n;
        } catch (RuntimeException | LinkageError e) {
            throw new PluginRefusal("a " + what + " of it failed to give its name: " + causes(e), e);
        }
    }

    /** A built-in that cannot be used is a broken installation: that stops the command. */
    private static void refuseOrFail(List<PluginReport> reports, Candidate c, PluginRefusal r) {
        if (c.builtIn()) {
            throw ContedorException.runtime("built-in plugin " + c.name() + " cannot be used: " + r.getMessage()
                    + "; the installation is broken, rebuild it with mvn package", r);
        }
        reports.add(report(c, PluginReport.Status.REFUSED, List.of(), r));
    }

    private static PluginReport report(Candidate c, PluginReport.Status status, List<String> contributions, PluginRefusal r) {
        return new PluginReport(c.name(), Optional.of(c.version()), c.source(), Optional.of(c.spi().toString()), status,
                contributions, Optional.ofNullable(r).map(Throwable::getMessage));
    }

    private static PluginReport refused(String name, SpiVersion spi, PluginSource source, PluginRefusal r) {
        return new PluginReport(name, Optional.empty(), source, Optional.ofNullable(spi).map(SpiVersion::toString),
                PluginReport.Status.REFUSED, List.of(), Optional.of(r.getMessage()));
    }


    /** The message and its causes on one line: what a plugin author needs, without a stack trace. */
    static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
        // a bounded walk: a cause chain may loop
        Throwable t = e.getCause();
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            sb.append(": ").append(t);
        }
        return sb.toString().replace('\n', ' ');
    }

    private record Context(RuntimePaths paths, Supplier<List<CgroupController>> controllers,
                           PluginLog log) implements PluginContext {
        @Override
        public List<CgroupController> cgroupControllers() {
            return controllers.get();
        }
    }
}
