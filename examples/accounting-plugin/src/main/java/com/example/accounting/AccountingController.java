package com.example.accounting;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.spec.ContainerSpec;

/**
 * The cgroup v1 {@code cpuacct} controller, for annotated containers: usage counted from zero
 * and {@code notify_on_release} on, so the hierarchy's release agent runs when the container's
 * cgroup empties. contedor's own controllers do not use cpuacct for limits, so its name is free.
 */
public final class AccountingController implements CgroupController {
    @Override
    public String name() {
        return "cpuacct";
    }

    /** Never for docker's resource flags alone: only the annotation switches it on. */
    @Override
    public boolean appliesTo(Resources resources) {
        return false;
    }

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        // nothing: appliesTo(Resources) is never true
    }

    @Override
    public boolean appliesTo(ContainerSpec spec) {
        return spec.annotations().containsKey(AccountingPlugin.ANNOTATION);
    }

    @Override
    public void apply(ContainerSpec spec, CgroupDirectory directory) {
        if (directory.version() != CgroupVersion.V1) {
            throw new ContedorException(dev.contedor.api.error.ExitCode.RUNTIME_FAILURE, "--annotation "
                    + AccountingPlugin.ANNOTATION + ": cpuacct accounting needs a cgroup v1 cpuacct hierarchy, "
                    + "and this host has cgroup v2 only; remove the annotation");
        }
        directory.write("cpuacct.usage", "0");
        directory.write("notify_on_release", "1");
    }
}
