package dev.contedor.cgroups.layout;

import java.util.List;
import java.util.Optional;

/**
 * The host's cgroup hierarchies and which one owns each controller: a v1 hierarchy when one
 * has it, else the unified hierarchy when its {@code cgroup.controllers} lists it. Made by
 * {@link LayoutDetector}; never guessed.
 *
 * @param kind    v1, v2 or hybrid
 * @param v1      the v1 hierarchies (named ones such as {@code name=systemd} included)
 * @param unified the cgroup2 mount, when there is one
 */
public record CgroupLayout(LayoutKind kind, List<Hierarchy> v1, Optional<Hierarchy> unified) {
    public CgroupLayout {
        v1 = List.copyOf(v1);
    }

    /** The v1 hierarchy a controller is attached to ({@code blkio}, {@code cpuacct}, ...). */
    public Optional<Hierarchy> v1Hierarchy(String v1Name) {
        return v1.stream().filter(h -> h.holds(v1Name)).findFirst();
    }

    /** Whether the controller is served by the unified hierarchy: no v1 hierarchy has it and cgroup2 lists it. */
    public boolean onUnified(String v1Name, String v2Name) {
        return v1Hierarchy(v1Name).isEmpty() && unified.map(u -> u.holds(v2Name)).orElse(false);
    }

    /** The hierarchy that owns a controller, by its v1 and v2 names ({@code blkio}/{@code io}), if any. */
    public Optional<Hierarchy> owner(String v1Name, String v2Name) {
        Optional<Hierarchy> v1Owner = v1Hierarchy(v1Name);
        if (v1Owner.isPresent()) {
            return v1Owner;
        }
        return unified.filter(u -> u.holds(v2Name));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(kind.name());
        v1.forEach(h -> s.append("; ").append(h));
        unified.ifPresent(h -> s.append("; ").append(h));
        return s.toString();
    }
}
