package dev.contedor.api.spec;

import dev.contedor.api.cgroup.Resources;

import java.util.Objects;

/**
 * The container's cgroup, OCI's {@code linux.cgroupsPath} and {@code linux.resources}.
 *
 * @param path      relative to each hierarchy's root ({@code contedor/ID})
 * @param resources the limits
 */
public record CgroupSpec(String path, Resources resources) {
    public CgroupSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(resources, "resources");
        if (path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("cgroup path must be relative and stay below the hierarchy root: " + path);
        }
    }

    /** No limits, in the default parent. */
    public static CgroupSpec unlimited(String id) {
        return new CgroupSpec(ContainerSpec.DEFAULT_CGROUP_PARENT + "/" + id, Resources.NONE);
    }
}
