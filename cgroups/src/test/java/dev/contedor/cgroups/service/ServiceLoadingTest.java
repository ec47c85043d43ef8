package dev.contedor.cgroups.service;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.ContainerCgroups;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.cgroups.driver.ControllerCatalog;
import dev.contedor.cgroups.isolation.CgroupIsolator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** What the runtime finds through ServiceLoader. */
class ServiceLoadingTest {
    @Test
    void everyControllerIsListed() {
        assertEquals(List.of("cpuset", "cpu", "memory", "pids", "io", "hugetlb", "devices", "freezer"),
                ControllerCatalog.load().stream().map(CgroupController::name).toList());
    }

    @Test
    void theIsolatorAndTheServiceAreListed() {
        assertInstanceOf(CgroupIsolator.class, ServiceLoader.load(Isolator.class).findFirst().orElseThrow());
        assertInstanceOf(CgroupsService.class, ServiceLoader.load(ContainerCgroups.class).findFirst().orElseThrow());
    }
}
