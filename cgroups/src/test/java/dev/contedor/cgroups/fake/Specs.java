package dev.contedor.cgroups.fake;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.spec.CgroupSpec;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.FilesystemSpec;
import dev.contedor.api.spec.RootSpec;
import dev.contedor.api.spec.UtsNames;
import dev.contedor.api.spec.ProcessSpec;
import dev.contedor.api.spec.User;
import dev.contedor.api.state.ContainerState;
import dev.contedor.api.state.Status;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Container specs and states for the isolator's tests. */
public final class Specs {
    private Specs() {
    }

    public static ContainerSpec spec(String id, Resources resources, String cgroupPath) {
        ProcessSpec process = new ProcessSpec(false, false, List.of("sleep", "30"), List.of(), "/", User.ROOT, Set.of(), true);
        return new ContainerSpec(id, RootSpec.folder(Path.of("/")), process, UtsNames.NONE, FilesystemSpec.NONE, List.of(),
                new CgroupSpec(cgroupPath, resources), Map.of(ContainerState.CGROUP_PATH, cgroupPath));
    }

    public static ContainerState state(String id, Map<String, String> annotations) {
        return new ContainerState(ContainerState.OCI_VERSION, id, Status.STOPPED, 0, 0, Path.of("/"), Path.of("/"),
                List.of("sleep"), Instant.now(), Path.of("/tmp"), annotations);
    }
}
