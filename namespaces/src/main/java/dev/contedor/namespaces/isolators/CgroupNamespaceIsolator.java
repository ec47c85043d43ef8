package dev.contedor.namespaces.isolators;

import dev.contedor.api.spec.NamespaceType;

/** A cgroup namespace: /proc/self/cgroup shows the container's cgroup as the root. */
public final class CgroupNamespaceIsolator extends NamespaceIsolator {
    public CgroupNamespaceIsolator() {
        super(NamespaceType.CGROUP);
    }

    @Override
    public String name() {
        return "cgroupns";
    }
}
