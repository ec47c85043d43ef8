package dev.contedor.namespaces.isolators;

import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.NamespaceType;

/** A UTS namespace with the container's hostname and domain name; the host keeps its own. */
public final class UtsIsolator extends NamespaceIsolator {
    public UtsIsolator() {
        super(NamespaceType.UTS);
    }

    @Override
    public String name() {
        return "uts";
    }

    @Override
    void contributeInside(ContainerSpec spec, LaunchPlan.Builder plan) {
        if (spec.namespace(NamespaceType.UTS).orElseThrow().path().isPresent()) {
            return; // a joined namespace keeps the names its owner gave it
        }
        spec.names().hostname().ifPresent(h -> plan.add(Phase.CONTAINER, new LaunchOp.SetHostname(h)));
        spec.names().domainname().ifPresent(d -> plan.add(Phase.CONTAINER, new LaunchOp.SetDomainname(d)));
    }
}
