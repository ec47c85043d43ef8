package com.example.accounting;

import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.spec.ContainerSpec;

import java.nio.charset.StandardCharsets;

/** Tells the container who its CPU time is billed to: a read-only {@code /etc/accounting}. */
public final class AccountingIsolator implements Isolator {
    @Override
    public String name() {
        return "example.accounting";
    }

    @Override
    public boolean appliesTo(ContainerSpec spec) {
        return spec.annotations().containsKey(AccountingPlugin.ANNOTATION);
    }

    /** Only describes the file: the engine writes it and bind-mounts it, also for {@code run --explain}. */
    @Override
    public void contribute(ContainerSpec spec, LaunchPlan.Builder plan) {
        String team = spec.annotations().get(AccountingPlugin.ANNOTATION);
        plan.provideFile("/etc/accounting", ("billed-to: " + team + "\n").getBytes(StandardCharsets.UTF_8), true);
    }
}
