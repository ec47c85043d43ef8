package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.fs.CgroupFolder;
import dev.contedor.cgroups.fs.DirectoryOps;
import dev.contedor.cgroups.fs.FolderMaker;
import dev.contedor.cgroups.layout.CgroupLayout;
import dev.contedor.cgroups.layout.Hierarchy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * cgroup v2: one folder in the unified hierarchy. The controllers it serves are enabled in
 * {@code cgroup.subtree_control} of every ancestor, the mount point included, and never in
 * the container's own folder (no-internal-process rule: a cgroup with processes cannot
 * hand controllers down).
 */
public final class CgroupV2Driver extends AbstractCgroupDriver {
    static final String SUBTREE_CONTROL = "cgroup.subtree_control";

    private final Hierarchy unified;
    private final List<CgroupController> served;
    private final Set<String> toEnable;
    private final FolderMaker maker;

    /**
     * @param served the controllers this hierarchy serves (listed in its {@code cgroup.controllers},
     *               or core to cgroup2 such as the freezer)
     * @param all    every controller known
     */
    public CgroupV2Driver(CgroupLayout layout, Hierarchy unified, List<CgroupController> served,
                          List<CgroupController> all, DirectoryOps ops) {
        super(layout, all, ops);
        this.unified = unified;
        this.served = List.copyOf(served);
        this.toEnable = new TreeSet<>(served.stream().map(CgroupController::name).filter(unified::holds).toList());
        this.maker = new FolderMaker(ops);
    }

    /** The controllers written to each ancestor's {@code cgroup.subtree_control}. */
    public Set<String> controllersToEnable() {
        return toEnable;
    }

    @Override
    public ContainerFolders folders(String path) {
        CgroupFolder folder = new CgroupFolder(CgroupVersion.V2, unified.folder(path));
        Map<String, CgroupDirectory> directories = new LinkedHashMap<>();
        served.forEach(c -> directories.put(c.name(), folder));
        return new ContainerFolders(List.of(new ContainerFolders.Placed(folder, unified)), directories);
    }

    @Override
    public void create(String path) {
        maker.make(unified.mountPoint(), path, (parent, level) -> enable(new CgroupFolder(CgroupVersion.V2, parent)));
    }

    @Override
    protected List<String> describeCreate(String path) {
        List<String> lines = new java.util.ArrayList<>(super.describeCreate(path));
        if (!toEnable.isEmpty()) {
            lines.add("enable " + String.join(" ", toEnable.stream().map(c -> "+" + c).toList()) + " in "
                    + SUBTREE_CONTROL + " of " + unified.mountPoint() + " and each folder down to " + path
                    + "'s parent, where missing");
        }
        return lines;
    }

    /**
     * Adds the missing controllers to an ancestor's {@code cgroup.subtree_control}: in one
     * write, or, when the kernel refuses that, one at a time so that the error names the one
     * it refuses.
     */
    void enable(CgroupFolder ancestor) {
        if (toEnable.isEmpty()) {
            return;
        }
        Set<String> enabled = Set.copyOf(Arrays.asList(ancestor.read(SUBTREE_CONTROL).orElse("").strip().split("\\s+")));
        List<String> missing = toEnable.stream().filter(c -> !enabled.contains(c)).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            ancestor.write(SUBTREE_CONTROL, String.join(" ", missing.stream().map(c -> "+" + c).toList()));
        } catch (ContedorException all) {
            for (String controller : missing) {
                ancestor.write(SUBTREE_CONTROL, "+" + controller);
            }
        }
    }
}
