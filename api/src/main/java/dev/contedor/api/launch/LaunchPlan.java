package dev.contedor.api.launch;

import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.NamespaceType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the native stage needs to start a container: the namespaces to create or
 * join, and the ordered operations its init process performs before execve. Built by the
 * engine from the contributions of every applicable isolator; immutable once built.
 *
 * @param newNamespaces namespaces created by clone
 * @param joins         existing namespaces joined (setns) before clone, by path
 * @param ops           child-side operations, in execution order
 * @param files         files the runtime writes into the state folder before launch, for the
 *                      plan's bind mounts of {@link ProvidedFile#hostPath()}
 * @param terminal      the process gets a pseudo-terminal (the plan then has a {@link LaunchOp.Console})
 * @param interactive   standard input stays attached; otherwise it is /dev/null
 */
public record LaunchPlan(Set<NamespaceType> newNamespaces, Map<NamespaceType, Path> joins,
                         List<LaunchOp> ops, List<ProvidedFile> files, boolean terminal, boolean interactive) {
    public LaunchPlan {
        newNamespaces = newNamespaces.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(newNamespaces));
        joins = Map.copyOf(joins);
        ops = List.copyOf(ops);
        files = List.copyOf(files);
    }

    /** The clone flags that create {@link #newNamespaces()}. */
    public long cloneFlags() {
        long flags = 0;
        for (NamespaceType type : newNamespaces) {
            flags |= type.cloneFlag();
        }
        return flags;
    }

    /**
     * @param stateDir the container's state folder, where {@linkplain Builder#provideFile provided files} go
     */
    public static Builder builder(Path stateDir) {
        return new Builder(stateDir);
    }

    /** Collects contributions phase by phase; {@link #build()} concatenates the phases in order. */
    public static final class Builder {
        private final Set<NamespaceType> newNamespaces = EnumSet.noneOf(NamespaceType.class);
        private final Map<NamespaceType, Path> joins = new LinkedHashMap<>();
        private final Map<Phase, List<LaunchOp>> ops = new EnumMap<>(Phase.class);
        private final List<ProvidedFile> files = new ArrayList<>();
        private final Path stateDir;
        private boolean terminal;
        private boolean interactive;
        private int nextSlot;

        private Builder(Path stateDir) {
            this.stateDir = stateDir;
        }

        /** The container gets a new namespace of this type. */
        public Builder newNamespace(NamespaceType type) {
            joins.remove(type);
            newNamespaces.add(type);
            return this;
        }

        /** The container joins the namespace at {@code path} (e.g. {@code /proc/PID/ns/net}). */
        public Builder joinNamespace(NamespaceType type, Path path) {
            newNamespaces.remove(type);
            joins.put(type, path);
            return this;
        }

        /** Appends an operation to a phase. */
        public Builder add(Phase phase, LaunchOp op) {
            if (op instanceof LaunchOp.Exec && phase != Phase.EXEC) {
                throw new IllegalArgumentException("exec belongs to the EXEC phase");
            }
            ops.computeIfAbsent(phase, p -> new ArrayList<>()).add(op);
            return this;
        }

        /**
         * Holds a host path open across pivot_root (in the ROOTFS phase) and returns its slot,
         * for a {@link LaunchOp.BindHeld} in the CONTAINER phase.
         */
        public int holdHostPath(Path hostPath) {
            int slot = nextSlot++;
            add(Phase.ROOTFS, new LaunchOp.HoldHostPath(hostPath.toString(), slot));
            return slot;
        }

        /**
         * Gives the container a file at {@code containerPath} with this content, the way docker
         * provides /etc/hostname: the runtime writes it into the state folder and the child
         * bind-mounts it after pivot_root (creating an empty mount point if needed).
         */
        public Builder provideFile(String containerPath, byte[] content, boolean readOnly) {
            String name = "file-" + files.size() + "-" + containerPath.replaceAll("[^A-Za-z0-9._-]", "_");
            ProvidedFile file = new ProvidedFile(containerPath, stateDir.resolve(name), content);
            files.add(file);
            int slot = holdHostPath(file.hostPath());
            add(Phase.CONTAINER, new LaunchOp.MakeFile(containerPath, 0644));
            add(Phase.CONTAINER, new LaunchOp.BindHeld(slot, containerPath, readOnly));
            return this;
        }

        public Builder terminal(boolean terminal) {
            this.terminal = terminal;
            return this;
        }

        public Builder interactive(boolean interactive) {
            this.interactive = interactive;
            return this;
        }

        /** The operations added so far to one phase (read-only). */
        public List<LaunchOp> ops(Phase phase) {
            return List.copyOf(ops.getOrDefault(phase, List.of()));
        }

        /**
         * The plan, phase by phase. A capability dropped anywhere ({@link LaunchOp.DropCapability})
         * is taken out of every bounding set and capability set of the plan, so that no step
         * asks for what another has dropped; a sysctl needs the container's own namespace of its kind.
         */
        public LaunchPlan build() {
            List<LaunchOp> ordered = new ArrayList<>();
            for (Phase phase : Phase.values()) {
                ordered.addAll(ops.getOrDefault(phase, List.of()));
            }
            long execs = ordered.stream().filter(LaunchOp.Exec.class::isInstance).count();
            if (execs != 1) {
                throw new IllegalStateException("a launch plan needs exactly one exec, found " + execs);
            }
            Set<Capability> dropped = EnumSet.noneOf(Capability.class);
            for (LaunchOp op : ordered) {
                if (op instanceof LaunchOp.DropCapability d) {
                    dropped.add(d.capability());
                }
                if (op instanceof LaunchOp.SetSysctl s && !newNamespaces.contains(s.namespace())
                        && !joins.containsKey(s.namespace())) {
                    throw new InvalidLaunchOpException("sysctl " + s.name() + ": the container shares the host's "
                            + s.namespace().procName() + " namespace, so the sysctl would change the host; give the "
                            + "container its own (no --" + (s.namespace() == NamespaceType.NETWORK ? "network" : "ipc")
                            + " host)");
                }
            }
            if (!dropped.isEmpty()) {
                ordered.replaceAll(op -> switch (op) {
                    case LaunchOp.SetCapabilities c -> new LaunchOp.SetCapabilities(without(c.keep(), dropped));
                    case LaunchOp.LimitBoundingSet b -> new LaunchOp.LimitBoundingSet(without(b.keep(), dropped));
                    default -> op;
                });
            }
            return new LaunchPlan(newNamespaces, joins, ordered, files, terminal, interactive);
        }

        private static Set<Capability> without(Set<Capability> caps, Set<Capability> dropped) {
            Set<Capability> left = caps.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(caps);
            left.removeAll(dropped);
            return left;
        }
    }
}
