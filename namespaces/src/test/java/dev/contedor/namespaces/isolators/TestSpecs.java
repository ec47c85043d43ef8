package dev.contedor.namespaces.isolators;

import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.CgroupSpec;
import dev.contedor.api.spec.ContainerFile;
import dev.contedor.api.spec.FilesystemSpec;
import dev.contedor.api.spec.RootSpec;
import dev.contedor.api.spec.UtsNames;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.DockerDefaults;
import dev.contedor.api.spec.MountSpec;
import dev.contedor.api.spec.NamespaceSpec;
import dev.contedor.api.spec.NamespaceType;
import dev.contedor.api.spec.ProcessSpec;
import dev.contedor.api.spec.User;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A docker-like container spec, built the way the runtime's SpecFactory fills one in, with knobs for the tests. */
public final class TestSpecs {
    public static final Path STATE = Path.of("/run/contedor/0123456789ab");

    public String id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    public Path rootfs = Path.of("/var/lib/contedor/rootfs/test");
    public boolean readonlyRoot;
    public Optional<String> hostname = Optional.of("box");
    public Optional<String> domainname = Optional.empty();
    public List<MountSpec> mounts = new ArrayList<>(DockerDefaults.MOUNTS);
    public Map<NamespaceType, Optional<Path>> namespaces = new EnumMap<>(NamespaceType.class);
    public List<String> masked = DockerDefaults.MASKED_PATHS;
    public List<String> readonly = DockerDefaults.READONLY_PATHS;
    public List<String> args = List.of("sh", "-c", "echo hi");
    public List<String> env = List.of("PATH=" + DockerDefaults.PATH, "HOME=/root");
    public String cwd = "/";
    public User user = User.ROOT;
    public Set<Capability> caps = DockerDefaults.CAPABILITIES;
    public boolean noNewPrivileges;
    public List<ContainerFile> files = List.of(new ContainerFile("/etc/hostname", "box\n"));

    public TestSpecs() {
        for (NamespaceType t : List.of(NamespaceType.MOUNT, NamespaceType.CGROUP, NamespaceType.PID,
                NamespaceType.IPC, NamespaceType.UTS, NamespaceType.NETWORK)) {
            namespaces.put(t, Optional.empty());
        }
    }

    public TestSpecs without(NamespaceType type) {
        namespaces.remove(type);
        return this;
    }

    public TestSpecs joining(NamespaceType type, Path path) {
        namespaces.put(type, Optional.of(path));
        return this;
    }

    public ContainerSpec build() {
        List<NamespaceSpec> ns = new ArrayList<>();
        namespaces.forEach((t, p) -> ns.add(new NamespaceSpec(t, p)));
        ProcessSpec process = new ProcessSpec(false, false, args, env, cwd, user, caps, noNewPrivileges);
        return new ContainerSpec(id, new RootSpec(rootfs, readonlyRoot, Optional.empty()), process,
                new UtsNames(hostname, domainname), new FilesystemSpec(mounts, masked, readonly, files), ns,
                CgroupSpec.unlimited(id), Map.of());
    }

    public static LaunchPlan.Builder builder() {
        return LaunchPlan.builder(STATE);
    }

    /** Completes a builder with the exec every plan needs and builds it. */
    public static LaunchPlan finish(LaunchPlan.Builder plan, ContainerSpec spec) {
        plan.add(Phase.EXEC, new LaunchOp.Exec(spec.process().args(), spec.process().env()));
        return plan.build();
    }
}
