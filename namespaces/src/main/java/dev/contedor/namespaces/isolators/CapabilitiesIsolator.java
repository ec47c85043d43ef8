package dev.contedor.namespaces.isolators;

import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.Prctl;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.spec.ContainerSpec;

import java.util.Set;

/**
 * The process's identity and capabilities, in the only order the kernel allows: shrink the
 * bounding set while still root, switch uid/gid keeping permitted capabilities, then set
 * effective and permitted to the spec's set (docker's defaults unless --cap-add/--cap-drop
 * or --privileged). For a non-root user execve clears them, as in docker.
 */
public final class CapabilitiesIsolator implements Isolator {
    @Override
    public String name() {
        return "capabilities";
    }

    @Override
    public Set<String> after() {
        return Set.of("mount");
    }

    @Override
    public boolean appliesTo(ContainerSpec spec) {
        return true;
    }

    @Override
    public void contribute(ContainerSpec spec, LaunchPlan.Builder plan) {
        Set<dev.contedor.api.spec.Capability> caps = spec.process().capabilities();
        plan.add(Phase.PROCESS, new LaunchOp.LimitBoundingSet(caps));
        plan.add(Phase.PROCESS, new LaunchOp.SetIdentity(spec.process().user()));
        plan.add(Phase.PROCESS, new LaunchOp.SetCapabilities(caps));
        if (spec.process().noNewPrivileges()) {
            plan.add(Phase.PROCESS, new LaunchOp.SetPrctl(Prctl.NO_NEW_PRIVS, 1));
        }
    }
}
