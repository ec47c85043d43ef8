package dev.contedor.cgroups.controller.hugetlb;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.VersionFiles;

/** cgroup v1 hugetlb: {@code hugetlb.<SIZE>.limit_in_bytes} per page size ({@code 2MB}, {@code 1GB}). */
public final class HugetlbV1 implements VersionFiles {
    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        for (Resources.HugepageLimit limit : resources.hugepageLimits()) {
            HugepageFiles.write(directory, limit, "hugetlb." + HugepageFiles.pageSize(limit) + ".limit_in_bytes",
                    Long.toString(limit.bytes()));
        }
    }
}
