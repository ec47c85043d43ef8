package dev.contedor.it.plugin;

import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.isolation.LaunchContext;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.spec.ContainerSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A third-party isolator, as a plugin author would write one against the SPI alone: it
 * gives every container a read-only /etc/contedor-plugin, and records in the state folder
 * that its parent-side hook ran with the child's pid.
 */
public final class MarkerIsolator implements Isolator {
    @Override
    public String name() {
        return "test-marker";
    }

    @Override
    public boolean appliesTo(ContainerSpec spec) {
        return true;
    }

    @Override
    public void contribute(ContainerSpec spec, LaunchPlan.Builder plan) {
        String text = "applied by the test plugin to " + spec.shortId() + "\n";
        plan.provideFile("/etc/contedor-plugin", text.getBytes(StandardCharsets.UTF_8), true);
    }

    @Override
    public void beforeStart(LaunchContext context) {
        try {
            Files.writeString(context.stateDir().resolve("test-marker.pid"), Long.toString(context.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
