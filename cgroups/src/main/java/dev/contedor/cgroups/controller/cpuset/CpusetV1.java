package dev.contedor.cgroups.controller.cpuset;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.LimitWriter;
import dev.contedor.cgroups.controller.VersionFiles;

/**
 * cgroup v1 cpuset: {@code cpuset.cpus}, {@code cpuset.mems}. A new v1 cpuset cgroup starts
 * with both empty and refuses tasks (ENOSPC) until they are set, so every level of the
 * container's path gets its parent's values first, as runc does.
 */
public final class CpusetV1 implements VersionFiles {
    static final String CPUS = "cpuset.cpus";
    static final String MEMS = "cpuset.mems";

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        resources.cpuset().cpus().ifPresent(cpus -> LimitWriter.write(directory, "--cpuset-cpus", CPUS, cpus));
        resources.cpuset().mems().ifPresent(mems -> LimitWriter.write(directory, "--cpuset-mems", MEMS, mems));
    }

    /** Copies the parent's cpus and mems into a level that has none yet. */
    public static void inheritFromParent(CgroupDirectory parent, CgroupDirectory level) {
        for (String file : new String[] {CPUS, MEMS}) {
            String own = level.read(file).orElse("").strip();
            if (own.isEmpty()) {
                String inherited = parent.read(file).orElse("").strip();
                if (!inherited.isEmpty()) {
                    level.write(file, inherited);
                }
            }
        }
    }
}
