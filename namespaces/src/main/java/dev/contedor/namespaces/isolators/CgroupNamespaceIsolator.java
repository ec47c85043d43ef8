package dev.contedor.namespaces.isolators;

import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.NamespaceType;

/**
 * A cgroup namespace: /proc/self/cgroup shows the container's cgroup as the root. It is made
 * by the child after the parent attached it to its cgroups (at clone time it is still in the
 * runtime's), so the namespace's root is the container's own cgroup, as runc does.
 */
public final class CgroupNamespaceIsolator implements Isolator {
    @Override
    public String name() {
        return "cgroupns";
    }

    @Override
    public boolean appliesTo(ContainerSpec spec) {
        return spec.hasNamespace(NamespaceType.CGROUP);
    }

    @Override
    public void contribute(ContainerSpec spec, LaunchPlan.Builder plan) {
        spec.namespace(NamespaceType.CGROUP).orElseThrow().path().ifPresentOrElse(
                path -> plan.joinNamespace(NamespaceType.CGROUP, path),
                () -> plan.add(Phase.NAMESPACES, new LaunchOp.Unshare(NamespaceType.CGROUP)));
    }
}
