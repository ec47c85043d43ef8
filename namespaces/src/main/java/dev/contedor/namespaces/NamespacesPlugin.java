package dev.contedor.namespaces;

import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.Launcher;
import dev.contedor.api.plugin.Plugin;
import dev.contedor.api.plugin.PluginContext;
import dev.contedor.namespaces.isolators.CapabilitiesIsolator;
import dev.contedor.namespaces.isolators.CgroupNamespaceIsolator;
import dev.contedor.namespaces.isolators.IpcIsolator;
import dev.contedor.namespaces.isolators.MountIsolator;
import dev.contedor.namespaces.isolators.NetworkIsolator;
import dev.contedor.namespaces.isolators.PidIsolator;
import dev.contedor.namespaces.isolators.UtsIsolator;
import dev.contedor.namespaces.stage.StageLauncher;

import java.util.List;

/** contedor's namespaces, as a plugin: the namespace and capability isolators and the native stage's launcher. */
public final class NamespacesPlugin implements Plugin {
    @Override
    public String name() {
        return "namespaces";
    }

    @Override
    public List<Isolator> isolators(PluginContext context) {
        return List.of(new MountIsolator(), new PidIsolator(), new UtsIsolator(), new IpcIsolator(),
                new NetworkIsolator(), new CgroupNamespaceIsolator(), new CapabilitiesIsolator());
    }

    @Override
    public List<Launcher> launchers(PluginContext context) {
        return List.of(new StageLauncher());
    }
}
