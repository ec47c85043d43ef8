package dev.contedor.cgroups.fs;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What one controller sees of a container on v1: its own hierarchy's folder, through which
 * a file named after another v1 controller ({@code cpuacct.usage}) reaches that controller's
 * folder when it lives in a separate hierarchy. This is how the cpu controller reads its
 * usage from {@code /sys/fs/cgroup/cpuacct/...} when cpu and cpuacct are not co-mounted.
 */
public final class ControllerDirectory implements CgroupDirectory {
    private final CgroupFolder primary;
    private final Map<String, CgroupFolder> byController;

    /**
     * @param primary      the controller's own folder
     * @param byController other v1 controllers' folders of the same container, by controller name
     */
    public ControllerDirectory(CgroupFolder primary, Map<String, CgroupFolder> byController) {
        this.primary = primary;
        this.byController = Map.copyOf(byController);
    }

    /** The folder a control file lives in: the one of the controller its name starts with. */
    public CgroupFolder folderOf(String file) {
        int dot = file.indexOf('.');
        return dot > 0 ? byController.getOrDefault(file.substring(0, dot), primary) : primary;
    }

    public CgroupFolder primary() {
        return primary;
    }

    @Override
    public CgroupVersion version() {
        return primary.version();
    }

    @Override
    public Path path() {
        return primary.path();
    }

    @Override
    public void write(String file, String value) {
        folderOf(file).write(file, value);
    }

    @Override
    public Optional<String> read(String file) {
        return folderOf(file).read(file);
    }

    @Override
    public String toString() {
        return primary.toString();
    }
}
