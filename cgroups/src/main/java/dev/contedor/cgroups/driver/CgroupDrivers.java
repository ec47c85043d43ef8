package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.cgroups.controller.LayoutAwareController;
import dev.contedor.cgroups.fs.DirectoryOps;
import dev.contedor.cgroups.layout.CgroupLayout;
import dev.contedor.cgroups.layout.Hierarchy;

import java.util.List;
import java.util.Optional;

/**
 * The driver for a layout. Each controller goes to the hierarchy that owns it: a v1 one when
 * a v1 hierarchy holds it, else cgroup2 when the unified root lists it (or when it is core
 * to cgroup2, like the freezer, and the container has a cgroup2 folder anyway).
 */
public final class CgroupDrivers {
    private CgroupDrivers() {
    }

    public static CgroupDriver forLayout(CgroupLayout layout, List<CgroupController> controllers, DirectoryOps ops) {
        List<CgroupController> all = ControllerCatalog.of(controllers);
        List<CgroupController> onV1 = all.stream().filter(c -> layout.v1Hierarchy(c.v1Name()).isPresent()).toList();
        Optional<Hierarchy> unified = layout.unified();
        List<CgroupController> onV2 = unified.isEmpty() ? List.of() : all.stream()
                .filter(c -> !onV1.contains(c))
                .filter(c -> unified.get().holds(c.name()) || (c instanceof LayoutAwareController a && a.coreOnV2()))
                .toList();
        return switch (layout.kind()) {
            case V1 -> new CgroupV1Driver(layout, onV1, all, ops);
            case V2 -> new CgroupV2Driver(layout, unified.orElseThrow(), onV2, all, ops);
            case HYBRID -> {
                boolean unifiedServes = onV2.stream().anyMatch(c -> unified.orElseThrow().holds(c.name()));
                yield new HybridCgroupDriver(layout, new CgroupV1Driver(layout, onV1, all, ops),
                        unifiedServes ? Optional.of(new CgroupV2Driver(layout, unified.orElseThrow(), onV2, all, ops))
                                : Optional.empty(), all, ops);
            }
        };
    }
}
