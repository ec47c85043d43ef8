package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.cgroups.fs.CgroupFolder;
import dev.contedor.cgroups.fs.DescribedDirectory;
import dev.contedor.cgroups.fs.SubCgroups;
import dev.contedor.cgroups.layout.Hierarchy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where one container's cgroup folders are (whether made yet or not): one per hierarchy it
 * uses, and the directory each controller works through.
 */
public final class ContainerFolders {
    /** A container's folder and the hierarchy it belongs to. */
    public record Placed(CgroupFolder folder, Hierarchy hierarchy) {
    }

    private final List<Placed> placed;
    private final Map<String, CgroupDirectory> byController;

    public ContainerFolders(List<Placed> placed, Map<String, CgroupDirectory> byController) {
        this.placed = List.copyOf(placed);
        this.byController = Map.copyOf(byController);
    }

    /** The folders, one per hierarchy, in the order they are made. */
    public List<Placed> placed() {
        return placed;
    }

    public List<CgroupFolder> all() {
        return placed.stream().map(Placed::folder).toList();
    }

    /** The directory a controller ({@link dev.contedor.api.cgroup.CgroupController#name()}) works through, if the host has it. */
    public Optional<CgroupDirectory> directory(String controller) {
        return Optional.ofNullable(byController.get(controller));
    }

    /** Those of the controller's directories whose folder exists now. */
    public Optional<CgroupDirectory> existingDirectory(String controller) {
        return directory(controller).filter(d -> Files.isDirectory(d.path(), LinkOption.NOFOLLOW_LINKS));
    }

    /** The cgroup2 folder, when the container has one. */
    public Optional<CgroupFolder> unified() {
        return all().stream().filter(f -> f.version() == CgroupVersion.V2).findFirst();
    }

    public boolean anyExists() {
        return all().stream().anyMatch(CgroupFolder::exists);
    }

    /** Every process in the container's folders and the cgroups below them, in every hierarchy. */
    public Set<Long> processes() {
        Set<Long> pids = new LinkedHashSet<>();
        for (CgroupFolder folder : all()) {
            if (!folder.exists()) {
                continue;
            }
            for (Path dir : SubCgroups.deepestFirst(folder.path())) {
                pids.addAll(new CgroupFolder(folder.version(), dir).processes());
            }
        }
        return pids;
    }

    /** Both sets of folders: a hybrid host's v1 ones and its cgroup2 one. */
    public ContainerFolders plus(ContainerFolders other) {
        List<Placed> folders = new ArrayList<>(placed);
        folders.addAll(other.placed);
        Map<String, CgroupDirectory> directories = new LinkedHashMap<>(other.byController);
        directories.putAll(byController);
        return new ContainerFolders(folders, directories);
    }


    /** The same folders, whose controllers' writes are described into {@code lines} rather than made. */
    public ContainerFolders described(List<String> lines) {
        Map<String, CgroupDirectory> directories = new LinkedHashMap<>();
        byController.forEach((name, d) -> directories.put(name, new DescribedDirectory(d, lines)));
        return new ContainerFolders(placed, directories);
    }

    @Override
    public String toString() {
        return all().toString();
    }
}
