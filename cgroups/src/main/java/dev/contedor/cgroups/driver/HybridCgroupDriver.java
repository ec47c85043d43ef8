package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.cgroups.fs.DirectoryOps;
import dev.contedor.cgroups.layout.CgroupLayout;

import java.util.List;
import java.util.Optional;

/**
 * A hybrid host: v1 hierarchies for the controllers they hold, and a cgroup2 folder only when
 * the unified hierarchy serves controllers no v1 hierarchy has (systemd's hybrid mode mounts
 * cgroup2 with none). Freezing uses the v1 freezer when there is one; kill-all uses
 * {@code cgroup.kill} when the container has a cgroup2 folder.
 */
public final class HybridCgroupDriver extends AbstractCgroupDriver {
    private final CgroupV1Driver v1;
    private final Optional<CgroupV2Driver> v2;

    public HybridCgroupDriver(CgroupLayout layout, CgroupV1Driver v1, Optional<CgroupV2Driver> v2,
                              List<CgroupController> all, DirectoryOps ops) {
        super(layout, all, ops);
        this.v1 = v1;
        this.v2 = v2;
    }

    /** Whether containers get a cgroup2 folder on this host. */
    public boolean usesUnified() {
        return v2.isPresent();
    }

    @Override
    public ContainerFolders folders(String path) {
        ContainerFolders folders = v1.folders(path);
        return v2.map(d -> folders.plus(d.folders(path))).orElse(folders);
    }

    @Override
    protected List<String> describeCreate(String path) {
        List<String> lines = new java.util.ArrayList<>(v1.describeCreate(path));
        v2.ifPresent(d -> lines.addAll(d.describeCreate(path)));
        return lines;
    }

    @Override
    public void create(String path) {
        v1.create(path);
        v2.ifPresent(d -> d.create(path));
    }
}
