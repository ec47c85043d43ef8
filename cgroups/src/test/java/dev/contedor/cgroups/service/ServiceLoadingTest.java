package dev.contedor.cgroups.service;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.plugin.Plugin;
import dev.contedor.api.plugin.PluginContext;
import dev.contedor.api.plugin.PluginLog;
import dev.contedor.cgroups.CgroupsPlugin;
import dev.contedor.cgroups.isolation.CgroupIsolator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** What the runtime finds: one plugin, listed in META-INF/services, bringing the controllers, the isolator and the service. */
class ServiceLoadingTest {
    @Test
    void everyControllerIsContributed() {
        assertEquals(List.of("cpuset", "cpu", "memory", "pids", "io", "hugetlb", "devices", "freezer"),
                new CgroupsPlugin().cgroupControllers().stream().map(CgroupController::name).toList());
    }

    @Test
    void thePluginIsListedAndBringsTheIsolatorAndTheService() {
        Plugin plugin = ServiceLoader.load(Plugin.class).findFirst().orElseThrow();
        assertInstanceOf(CgroupsPlugin.class, plugin);
        PluginContext context = new PluginContext() {
            @Override
            public RuntimePaths paths() {
                return new RuntimePaths(Path.of("/tmp/s"), Path.of("/tmp/d"), Path.of("/tmp/p"));
            }

            @Override
            public List<CgroupController> cgroupControllers() {
                return CgroupsPlugin.builtInControllers();
            }

            @Override
            public PluginLog log() {
                throw new UnsupportedOperationException();
            }
        };
        assertInstanceOf(CgroupIsolator.class, plugin.isolators(context).getFirst());
        assertInstanceOf(CgroupsService.class, plugin.containerCgroups(context).getFirst());
    }
}
