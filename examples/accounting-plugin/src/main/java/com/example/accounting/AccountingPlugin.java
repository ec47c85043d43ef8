package com.example.accounting;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.plugin.Plugin;
import dev.contedor.api.plugin.PluginContext;

import java.util.List;

/**
 * CPU accounting on request: a container started with {@code --annotation com.example.accounting=TEAM}
 * is told so in {@code /etc/accounting} (the isolator) and gets its CPU usage counter reset and
 * release notification switched on in its cpuacct cgroup (the controller), so that the host's
 * release agent can bill TEAM when the container ends. Without the annotation the plugin does
 * nothing at all.
 */
public final class AccountingPlugin implements Plugin {
    /** The annotation that switches the plugin on for one container; its value names who pays. */
    public static final String ANNOTATION = "com.example.accounting";

    @Override
    public String name() {
        return "example-accounting";
    }

    @Override
    public List<CgroupController> cgroupControllers() {
        return List.of(new AccountingController());
    }

    @Override
    public List<Isolator> isolators(PluginContext context) {
        context.log().debug("accounting for containers annotated " + ANNOTATION);
        return List.of(new AccountingIsolator());
    }
}
