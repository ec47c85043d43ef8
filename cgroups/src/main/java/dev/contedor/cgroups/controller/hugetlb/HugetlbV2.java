package dev.contedor.cgroups.controller.hugetlb;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.VersionFiles;

/** cgroup v2 hugetlb: {@code hugetlb.<SIZE>.max} per page size. */
public final class HugetlbV2 implements VersionFiles {
    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        for (Resources.HugepageLimit limit : resources.hugepageLimits()) {
            HugepageFiles.write(directory, limit, "hugetlb." + HugepageFiles.pageSize(limit) + ".max",
                    Long.toString(limit.bytes()));
        }
    }
}
