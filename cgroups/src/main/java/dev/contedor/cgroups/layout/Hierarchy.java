package dev.contedor.cgroups.layout;

import dev.contedor.api.cgroup.CgroupVersion;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * One mounted cgroup hierarchy.
 *
 * @param id          the hierarchy id of {@code /proc/self/cgroup} (0 for the unified one)
 * @param version     v1 ({@code cgroup}) or v2 ({@code cgroup2})
 * @param mountPoint  where it is mounted, resolved against the file system root the detector was given
 * @param root        the cgroup the mount shows at its mount point ({@code /} unless bind-mounted or namespaced)
 * @param controllers v1: the controllers attached to it; v2: the controllers listed in the mount's
 *                    {@code cgroup.controllers}
 * @param name        a v1 named hierarchy's name ({@code systemd} for {@code name=systemd})
 */
public record Hierarchy(int id, CgroupVersion version, Path mountPoint, String root, Set<String> controllers,
                        Optional<String> name) {
    public Hierarchy {
        controllers = Set.copyOf(controllers);
    }

    public boolean holds(String controller) {
        return controllers.contains(controller);
    }

    /** The folder of a cgroup path relative to this hierarchy's mount point ({@code contedor/ID}). */
    public Path folder(String relativePath) {
        return mountPoint.resolve(relativePath);
    }

    @Override
    public String toString() {
        return version + (controllers.isEmpty() ? "" : " " + String.join(",", controllers.stream().sorted().toList()))
                + name.map(n -> " name=" + n).orElse("") + " at " + mountPoint;
    }
}
