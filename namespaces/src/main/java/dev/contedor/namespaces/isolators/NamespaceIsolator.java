package dev.contedor.namespaces.isolators;

import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.NamespaceSpec;
import dev.contedor.api.spec.NamespaceType;

/**
 * The part every namespace isolator shares: when the spec names the namespace, create it
 * by clone, or join the one at its path.
 */
abstract class NamespaceIsolator implements Isolator {
    private final NamespaceType type;

    NamespaceIsolator(NamespaceType type) {
        this.type = type;
    }

    @Override
    public boolean appliesTo(ContainerSpec spec) {
        return spec.hasNamespace(type);
    }

    @Override
    public void contribute(ContainerSpec spec, LaunchPlan.Builder plan) {
        NamespaceSpec ns = spec.namespace(type).orElseThrow();
        ns.path().ifPresentOrElse(path -> plan.joinNamespace(type, path), () -> plan.newNamespace(type));
        contributeInside(spec, plan);
    }

    /** What to do inside the namespace, beyond getting it. */
    void contributeInside(ContainerSpec spec, LaunchPlan.Builder plan) {
    }
}
