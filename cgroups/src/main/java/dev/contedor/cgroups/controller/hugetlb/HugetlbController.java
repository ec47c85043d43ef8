package dev.contedor.cgroups.controller.hugetlb;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.controller.VersionedController;

/** Huge page limits per page size (the OCI spec's {@code hugepageLimits}). */
public final class HugetlbController extends VersionedController<VersionFiles> {
    public HugetlbController() {
        super(new HugetlbV1(), new HugetlbV2());
    }

    @Override
    public String name() {
        return "hugetlb";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return !resources.hugepageLimits().isEmpty();
    }
}
