package dev.contedor.cgroups;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.ContainerCgroups;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.plugin.Plugin;
import dev.contedor.api.plugin.PluginContext;
import dev.contedor.cgroups.controller.cpu.CpuController;
import dev.contedor.cgroups.controller.cpuset.CpusetController;
import dev.contedor.cgroups.controller.devices.DevicesController;
import dev.contedor.cgroups.controller.freezer.FreezerController;
import dev.contedor.cgroups.controller.hugetlb.HugetlbController;
import dev.contedor.cgroups.controller.io.IoController;
import dev.contedor.cgroups.controller.memory.MemoryController;
import dev.contedor.cgroups.controller.pids.PidsController;
import dev.contedor.cgroups.driver.HostDriver;
import dev.contedor.cgroups.isolation.CgroupIsolator;
import dev.contedor.cgroups.service.CgroupsService;

import java.util.List;

/**
 * contedor's cgroups, as a plugin: a controller per resource, the isolator that makes, limits
 * and removes every container's cgroups, and the cgroup manager (stats, freeze, kill-all).
 * The isolator and the manager share one driver for this host, made on first use with every
 * plugin's controllers (from the context): a plugin's controller is enforced like contedor's own.
 */
public final class CgroupsPlugin implements Plugin {
    private HostDriver driver;

    @Override
    public String name() {
        return "cgroups";
    }

    @Override
    public List<CgroupController> cgroupControllers() {
        return builtInControllers();
    }

    /** contedor's own controllers. */
    public static List<CgroupController> builtInControllers() {
        return List.of(new CpusetController(), new CpuController(), new MemoryController(), new PidsController(),
                new IoController(), new HugetlbController(), new DevicesController(), new FreezerController());
    }

    @Override
    public List<Isolator> isolators(PluginContext context) {
        return List.of(new CgroupIsolator(driver(context)));
    }

    @Override
    public List<ContainerCgroups> containerCgroups(PluginContext context) {
        return List.of(new CgroupsService(driver(context)));
    }

    private synchronized HostDriver driver(PluginContext context) {
        if (driver == null) {
            driver = new HostDriver(context::cgroupControllers);
        }
        return driver;
    }
}
