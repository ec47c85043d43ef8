package dev.contedor.runtime.spec;

import dev.contedor.api.rootfs.RootfsSource;
import dev.contedor.api.spec.Capability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the user asked of {@code run}, already parsed but not yet checked against the system
 * ({@link SpecFactory#check} does that, once, into a {@link CheckedRequest}). Made with
 * {@link #builder}: every field has docker's default, so a caller names only what it sets.
 */
public final class RunRequest {
    private final RootfsSource rootfs;
    private final List<String> command;
    private final Optional<String> entrypoint;
    private final List<String> env;
    private final Optional<String> workdir;
    private final Optional<String> user;
    private final Optional<String> hostname;
    private final Optional<String> domainname;
    private final boolean terminal;
    private final boolean interactive;
    private final NamespaceMode pid;
    private final NamespaceMode ipc;
    private final NamespaceMode uts;
    private final NamespaceMode network;
    private final Set<Capability> capAdd;
    private final Set<Capability> capDrop;
    private final boolean allCapsDropped;
    private final boolean privileged;
    private final boolean readOnly;
    private final boolean noNewPrivileges;
    private final ResourceFlags resources;
    private final Optional<String> cgroupParent;
    private final Map<String, String> annotations;

    private RunRequest(Builder b) {
        rootfs = Objects.requireNonNull(b.rootfs, "rootfs");
        command = List.copyOf(b.command);
        entrypoint = b.entrypoint;
        env = List.copyOf(b.env);
        workdir = b.workdir;
        user = b.user;
        hostname = b.hostname;
        domainname = b.domainname;
        terminal = b.terminal;
        interactive = b.interactive;
        pid = b.pid;
        ipc = b.ipc;
        uts = b.uts;
        network = b.network;
        capAdd = Set.copyOf(b.capAdd);
        capDrop = Set.copyOf(b.capDrop);
        allCapsDropped = b.allCapsDropped;
        privileged = b.privileged;
        readOnly = b.readOnly;
        noNewPrivileges = b.noNewPrivileges;
        resources = b.resources;
        cgroupParent = b.cgroupParent;
        annotations = Map.copyOf(b.annotations);
    }

    /** A request to run in this root filesystem: the built-in one, {@code --rootfs PATH}, or an image. */
    public static Builder builder(RootfsSource rootfs) {
        return new Builder(rootfs);
    }

    public RootfsSource rootfs() { return rootfs; }

    /** The command and its arguments; empty to take the image's. */
    public List<String> command() { return command; }

    /** {@code --entrypoint}: replaces the image's (an empty string clears it) and, as in docker, drops the image's command. */
    public Optional<String> entrypoint() { return entrypoint; }

    /** {@code -e KEY=VALUE}, in order. */
    public List<String> env() { return env; }

    public Optional<String> workdir() { return workdir; }

    /** {@code -u} as given ({@code user[:group]}, names or numbers); empty to take the image's, else root. */
    public Optional<String> user() { return user; }

    public Optional<String> hostname() { return hostname; }

    /** {@code --domainname}: the NIS domain name. */
    public Optional<String> domainname() { return domainname; }

    public boolean terminal() { return terminal; }

    public boolean interactive() { return interactive; }

    public NamespaceMode pid() { return pid; }

    public NamespaceMode ipc() { return ipc; }

    public NamespaceMode uts() { return uts; }

    public NamespaceMode network() { return network; }

    public Set<Capability> capAdd() { return capAdd; }

    public Set<Capability> capDrop() { return capDrop; }

    /** {@code --cap-drop ALL}: start from no capability, then add {@link #capAdd()}. */
    public boolean allCapsDropped() { return allCapsDropped; }

    public boolean privileged() { return privileged; }

    /** {@code --read-only}: the root filesystem read-only. */
    public boolean readOnly() { return readOnly; }

    /** {@code --security-opt no-new-privileges}. */
    public boolean noNewPrivileges() { return noNewPrivileges; }

    public ResourceFlags resources() { return resources; }

    /** {@code --cgroup-parent}: the folder containers' cgroups go in (default {@code contedor}). */
    public Optional<String> cgroupParent() { return cgroupParent; }

    /** {@code --annotation KEY=VALUE}: the container's OCI annotations, checked by {@link Annotations}. */
    public Map<String, String> annotations() { return annotations; }

    /** Collects a request; {@link #build()} can be called again after more changes. */
    public static final class Builder {
        private final RootfsSource rootfs;
        private List<String> command = List.of();
        private Optional<String> entrypoint = Optional.empty();
        private final List<String> env = new ArrayList<>();
        private Optional<String> workdir = Optional.empty();
        private Optional<String> user = Optional.empty();
        private Optional<String> hostname = Optional.empty();
        private Optional<String> domainname = Optional.empty();
        private boolean terminal;
        private boolean interactive;
        private NamespaceMode pid = NamespaceMode.PRIVATE;
        private NamespaceMode ipc = NamespaceMode.PRIVATE;
        private NamespaceMode uts = NamespaceMode.PRIVATE;
        private NamespaceMode network = NamespaceMode.PRIVATE;
        private Set<Capability> capAdd = Set.of();
        private Set<Capability> capDrop = Set.of();
        private boolean allCapsDropped;
        private boolean privileged;
        private boolean readOnly;
        private boolean noNewPrivileges;
        private ResourceFlags resources = ResourceFlags.NONE;
        private Optional<String> cgroupParent = Optional.empty();
        private Map<String, String> annotations = Map.of();

        private Builder(RootfsSource rootfs) {
            this.rootfs = rootfs;
        }

        public Builder command(List<String> value) { command = value; return this; }
        public Builder entrypoint(Optional<String> value) { entrypoint = value; return this; }
        public Builder env(List<String> value) { env.clear(); env.addAll(value); return this; }
        public Builder workdir(Optional<String> value) { workdir = value; return this; }
        public Builder user(Optional<String> value) { user = value; return this; }
        public Builder hostname(Optional<String> value) { hostname = value; return this; }
        public Builder domainname(Optional<String> value) { domainname = value; return this; }
        public Builder terminal(boolean value) { terminal = value; return this; }
        public Builder interactive(boolean value) { interactive = value; return this; }
        public Builder pid(NamespaceMode value) { pid = value; return this; }
        public Builder ipc(NamespaceMode value) { ipc = value; return this; }
        public Builder uts(NamespaceMode value) { uts = value; return this; }
        public Builder network(NamespaceMode value) { network = value; return this; }
        public Builder capAdd(Set<Capability> value) { capAdd = value; return this; }
        public Builder capDrop(Set<Capability> value) { capDrop = value; return this; }
        public Builder allCapsDropped(boolean value) { allCapsDropped = value; return this; }
        public Builder privileged(boolean value) { privileged = value; return this; }
        public Builder readOnly(boolean value) { readOnly = value; return this; }
        public Builder noNewPrivileges(boolean value) { noNewPrivileges = value; return this; }
        public Builder resources(ResourceFlags value) { resources = value; return this; }
        public Builder cgroupParent(Optional<String> value) { cgroupParent = value; return this; }
        public Builder annotations(Map<String, String> value) { annotations = value; return this; }

        public RunRequest build() {
            return new RunRequest(this);
        }
    }
}
