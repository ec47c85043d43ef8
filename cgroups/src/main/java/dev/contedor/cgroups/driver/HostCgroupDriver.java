package dev.contedor.cgroups.driver;

import dev.contedor.cgroups.fs.DirectoryOps;
import dev.contedor.cgroups.layout.LayoutDetector;

/**
 * The driver for this host, made on first use (layout detected once per process: a
 * command that touches no cgroup pays nothing).
 */
public final class HostCgroupDriver {
    private static volatile CgroupDriver driver;

    private HostCgroupDriver() {
    }

    public static CgroupDriver get() {
        CgroupDriver d = driver;
        if (d == null) {
            synchronized (HostCgroupDriver.class) {
                d = driver;
                if (d == null) {
                    d = CgroupDrivers.forLayout(new LayoutDetector().detect(), ControllerCatalog.load(), DirectoryOps.KERNEL);
                    driver = d;
                }
            }
        }
        return d;
    }
}
