package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.cgroups.controller.LayoutAwareController;
import dev.contedor.cgroups.fs.CgroupFolder;
import dev.contedor.cgroups.fs.ControllerDirectory;
import dev.contedor.cgroups.fs.DirectoryOps;
import dev.contedor.cgroups.fs.FolderMaker;
import dev.contedor.cgroups.layout.CgroupLayout;
import dev.contedor.cgroups.layout.Hierarchy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cgroup v1: a folder in each hierarchy that holds a controller contedor knows (its own or a
 * companion such as cpuacct), each level prepared by its hierarchy's controllers (v1 cpuset
 * copies cpus and mems down). A controller's directory reaches the other hierarchies' files
 * by their prefix.
 */
public final class CgroupV1Driver extends AbstractCgroupDriver {
    private final List<CgroupController> served;
    private final List<Hierarchy> used;
    private final FolderMaker maker;

    /**
     * @param served the controllers a v1 hierarchy holds
     * @param all    every controller known (for limits that need one the host lacks)
     */
    public CgroupV1Driver(CgroupLayout layout, List<CgroupController> served, List<CgroupController> all,
                          DirectoryOps ops) {
        super(layout, all, ops);
        this.served = List.copyOf(served);
        this.maker = new FolderMaker(ops);
        Set<String> known = new HashSet<>();
        for (CgroupController controller : served) {
            known.add(controller.v1Name());
            if (controller instanceof LayoutAwareController aware) {
                known.addAll(aware.v1Companions());
            }
        }
        this.used = layout.v1().stream().filter(h -> h.controllers().stream().anyMatch(known::contains)).toList();
    }

    /** The hierarchies the container gets a folder in. */
    public List<Hierarchy> hierarchies() {
        return used;
    }

    @Override
    public ContainerFolders folders(String path) {
        List<ContainerFolders.Placed> placed = new ArrayList<>();
        Map<String, CgroupFolder> byV1Name = new LinkedHashMap<>();
        for (Hierarchy hierarchy : used) {
            CgroupFolder folder = new CgroupFolder(CgroupVersion.V1, hierarchy.folder(path));
            placed.add(new ContainerFolders.Placed(folder, hierarchy));
            hierarchy.controllers().forEach(c -> byV1Name.put(c, folder));
        }
        Map<String, CgroupDirectory> directories = new LinkedHashMap<>();
        for (CgroupController controller : served) {
            CgroupFolder primary = byV1Name.get(controller.v1Name());
            if (primary != null) {
                directories.put(controller.name(), new ControllerDirectory(primary, byV1Name));
            }
        }
        return new ContainerFolders(placed, directories);
    }

    @Override
    public void create(String path) {
        for (Hierarchy hierarchy : used) {
            List<LayoutAwareController> preparers = served.stream()
                    .filter(c -> hierarchy.holds(c.v1Name()))
                    .filter(LayoutAwareController.class::isInstance)
                    .map(LayoutAwareController.class::cast)
                    .toList();
            maker.make(hierarchy.mountPoint(), path, (parent, level) -> {
                for (LayoutAwareController preparer : preparers) {
                    preparer.prepareV1Level(new CgroupFolder(CgroupVersion.V1, parent),
                            new CgroupFolder(CgroupVersion.V1, level));
                }
            });
        }
    }
}
