package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.cgroups.fs.DirectoryOps;
import dev.contedor.cgroups.layout.LayoutDetector;

import java.util.List;
import java.util.function.Supplier;

/**
 * The driver for this host, made on first use: the layout is detected once, so a command
 * that touches no cgroup pays nothing. One per engine (owned by the cgroups plugin object),
 * not a static singleton: tests and a second engine get their own.
 */
public final class HostDriver implements Supplier<CgroupDriver> {
    private final Supplier<List<CgroupController>> controllers;
    private volatile CgroupDriver driver;

    /** @param controllers every plugin's controllers, asked for when the driver is first needed */
    public HostDriver(Supplier<List<CgroupController>> controllers) {
        this.controllers = controllers;
    }

    @Override
    public CgroupDriver get() {
        CgroupDriver d = driver;
        if (d == null) {
            synchronized (this) {
                d = driver;
                if (d == null) {
                    d = CgroupDrivers.forLayout(new LayoutDetector().detect(), controllers.get(), DirectoryOps.KERNEL);
                    driver = d;
                }
            }
        }
        return d;
    }
}
