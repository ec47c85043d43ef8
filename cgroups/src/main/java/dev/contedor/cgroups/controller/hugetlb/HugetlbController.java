package dev.contedor.cgroups.controller.hugetlb;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.LayoutAwareController;

/** Huge page limits per page size (the OCI spec's {@code hugepageLimits}). */
public final class HugetlbController implements LayoutAwareController {
    private final HugetlbV1 v1 = new HugetlbV1();
    private final HugetlbV2 v2 = new HugetlbV2();

    @Override
    public String name() {
        return "hugetlb";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return !resources.hugepageLimits().isEmpty();
    }

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        if (directory.version() == CgroupVersion.V1) {
            v1.apply(resources, directory);
        } else {
            v2.apply(resources, directory);
        }
    }
}
