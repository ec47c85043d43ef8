package dev.contedor.cgroups.controller.cpuset;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.LimitWriter;
import dev.contedor.cgroups.controller.VersionFiles;

/**
 * cgroup v2 cpuset: {@code cpuset.cpus}, {@code cpuset.mems}. Empty means "the parent's
 * effective set", so nothing needs copying.
 */
public final class CpusetV2 implements VersionFiles {
    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        resources.cpuset().cpus().ifPresent(cpus -> LimitWriter.write(directory, "--cpuset-cpus", "cpuset.cpus", cpus));
        resources.cpuset().mems().ifPresent(mems -> LimitWriter.write(directory, "--cpuset-mems", "cpuset.mems", mems));
    }
}
