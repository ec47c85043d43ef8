package dev.contedor.testkit;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.CgroupSpec;
import dev.contedor.api.spec.FilesystemSpec;
import dev.contedor.api.spec.RootSpec;
import dev.contedor.api.spec.UtsNames;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.NamespaceSpec;
import dev.contedor.api.spec.NamespaceType;
import dev.contedor.api.spec.ProcessSpec;
import dev.contedor.api.spec.User;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Container specs for plugin tests, as {@code contedor run} would make them, without a host:
 * {@code ContainerSpecs.builder().annotation("com.example.audit", "on").command("true").build()}.
 */
public final class ContainerSpecs {
    private ContainerSpecs() {
    }

    /** A spec builder with {@code run}'s defaults: a random-looking id, sh as the command, private namespaces, root. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds one spec; every setter returns the builder. */
    public static final class Builder {
        private String id = "0123456789abcdef".repeat(4);
        private Path rootfs = Path.of("/var/lib/contedor/rootfs/test");
        private List<String> command = List.of("sh");
        private final List<String> env = new ArrayList<>(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        private String cwd = "/";
        private User user = User.ROOT;
        private Optional<String> hostname = Optional.empty();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private final EnumSet<NamespaceType> namespaces = EnumSet.of(NamespaceType.MOUNT, NamespaceType.CGROUP,
                NamespaceType.PID, NamespaceType.IPC, NamespaceType.UTS, NamespaceType.NETWORK);
        private Resources resources = Resources.NONE;
        private boolean readOnly;

        private Builder() {
        }

        /** The container id (64 hex characters in contedor). */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The root filesystem folder. */
        public Builder rootfs(Path rootfs) {
            this.rootfs = rootfs;
            return this;
        }

        /** The command and its arguments. */
        public Builder command(String... command) {
            this.command = List.of(command);
            return this;
        }

        /** One more {@code KEY=VALUE} environment variable. */
        public Builder env(String keyValue) {
            env.add(keyValue);
            return this;
        }

        /** The working directory (absolute). */
        public Builder cwd(String cwd) {
            this.cwd = cwd;
            return this;
        }

        /** The user the command runs as. */
        public Builder user(User user) {
            this.user = user;
            return this;
        }

        /** The hostname ({@code --hostname}). */
        public Builder hostname(String hostname) {
            this.hostname = Optional.of(hostname);
            return this;
        }

        /** One annotation, as {@code --annotation KEY=VALUE} gives it. */
        public Builder annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        /** Shares a namespace with the host ({@code --pid host} and the like). */
        public Builder hostNamespace(NamespaceType type) {
            namespaces.remove(type);
            return this;
        }

        /** The cgroup limits. */
        public Builder resources(Resources resources) {
            this.resources = resources;
            return this;
        }

        /** A read-only root filesystem ({@code --read-only}). */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** The spec. */
        public ContainerSpec build() {
            ProcessSpec process = new ProcessSpec(false, false, command, env, cwd, user,
                    EnumSet.of(Capability.CHOWN, Capability.KILL, Capability.SETUID, Capability.SETGID), false);
            List<NamespaceSpec> spaces = namespaces.stream().map(NamespaceSpec::create).toList();
            return new ContainerSpec(id, new RootSpec(rootfs, readOnly, Optional.empty()), process,
                    new UtsNames(hostname, Optional.empty()), new FilesystemSpec(List.of(), List.of(), List.of(), List.of()),
                    spaces, new CgroupSpec(ContainerSpec.DEFAULT_CGROUP_PARENT + "/" + id, resources), annotations);
        }
    }
}
