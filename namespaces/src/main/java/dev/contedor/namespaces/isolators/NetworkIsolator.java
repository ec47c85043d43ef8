package dev.contedor.namespaces.isolators;

import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.NamespaceType;

/** A network namespace of the container's own, with only the loopback interface, up. */
public final class NetworkIsolator extends NamespaceIsolator {
    public NetworkIsolator() {
        super(NamespaceType.NETWORK);
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    void contributeInside(ContainerSpec spec, LaunchPlan.Builder plan) {
        if (spec.namespace(NamespaceType.NETWORK).orElseThrow().path().isEmpty()) {
            plan.add(Phase.NAMESPACES, new LaunchOp.InterfaceUp("lo"));
        }
    }
}
