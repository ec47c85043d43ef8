package dev.contedor.cgroups.fake;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.ProcessSpec;
import dev.contedor.api.spec.User;
import dev.contedor.api.state.ContainerState;
import dev.contedor.api.state.Status;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Container specs and states for the isolator's tests. */
public final class Specs {
    private Specs() {
    }

    public static ContainerSpec spec(String id, Resources resources, String cgroupPath) {
        ProcessSpec process = new ProcessSpec(false, false, List.of("sleep", "30"), List.of(), "/", User.ROOT, Set.of(), true);
        return new ContainerSpec(id, Path.of("/"), false, process, Optional.empty(), Optional.empty(), List.of(), List.of(),
                List.of(), List.of(), Map.of(ContainerState.CGROUP_PATH, cgroupPath), resources, cgroupPath);
    }

    public static ContainerState state(String id, Map<String, String> annotations) {
        return new ContainerState(ContainerState.OCI_VERSION, id, Status.STOPPED, 0, 0, Path.of("/"), Path.of("/"),
                List.of("sleep"), Instant.now(), Path.of("/tmp"), annotations);
    }
}
