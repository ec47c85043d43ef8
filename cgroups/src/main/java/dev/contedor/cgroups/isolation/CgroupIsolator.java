package dev.contedor.cgroups.isolation;

import dev.contedor.api.launch.Leftover;
import java.util.List;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.isolation.LaunchContext;
import dev.contedor.api.launch.ExitStatus;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.state.ContainerState;
import dev.contedor.cgroups.driver.CgroupDriver;
import dev.contedor.cgroups.signal.Signals;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every container's cgroups: made and limited while its init waits after clone, the init
 * put in them, and all of it killed and removed after exit. Every container gets cgroups,
 * with or without limits, for its stats and for kill-all. Adds nothing to the launch plan.
 */
public final class CgroupIsolator implements Isolator {
    private final Supplier<CgroupDriver> driver;

    /** @param driver the host's driver (from the cgroups plugin), or a fake tree's in tests */
    public CgroupIsolator(Supplier<CgroupDriver> driver) {
        this.driver = driver;
    }

    @Override
    public String name() {
        return "cgroups";
    }

    @Override
    public boolean appliesTo(ContainerSpec spec) {
        return true;
    }

    @Override
    public void contribute(ContainerSpec spec, LaunchPlan.Builder plan) {
        // parent-side only
    }

    /**
     * Makes the folders at {@code spec.cgroupPath()}, writes the limits, then moves the
     * paused init in. On any failure what was made is removed (the init, if already moved
     * in, is killed: the launch is aborted anyway) and the error says which file and flag.
     */
    @Override
    public void beforeStart(LaunchContext context) {
        CgroupDriver cgroups = driver.get();
        String path = context.spec().cgroup().path();
        try {
            cgroups.create(path);
            cgroups.apply(path, context.spec());
            cgroups.attach(path, context.pid());
        } catch (RuntimeException e) {
            try {
                if (!cgroups.processes(path).isEmpty()) {
                    cgroups.killAll(path, Signals.SIGKILL);
                }
                cgroups.remove(path);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e instanceof ContedorException c ? c
                    : ContedorException.runtime("cgroups of " + path + ": " + e.getMessage(), e);
        }
    }

    /** The folders made, the limits written and the attach, as this host's driver would do them. */
    @Override
    public List<String> describeBeforeStart(ContainerSpec spec) {
        return driver.get().describeSetup(spec.cgroup().path(), spec.cgroup().resources());
    }

    /** The driver's kill and removal, as explicit steps (see {@link CgroupDriver#leftovers}). */
    @Override
    public List<Leftover> leftovers(LaunchContext context) {
        return driver.get().leftovers(context.spec().cgroup().path());
    }

    /** The OOM killer or the pids limit, read from the cgroups before they are removed. */
    @Override
    public Optional<String> explainExit(ContainerState state, ExitStatus exit) {
        CgroupDriver cgroups = driver.get();
        String path = path(state);
        if (!cgroups.folders(path).anyExists()) {
            return Optional.empty();
        }
        return ExitExplanation.of(cgroups.stats(state.id(), path, ExitExplanation.CONTROLLERS));
    }

    /** Kills what is left (a process that outlived the init, e.g. with {@code --pid host}), then removes. Idempotent. */
    @Override
    public void afterExit(ContainerState state) {
        CgroupDriver cgroups = driver.get();
        String path = path(state);
        if (!cgroups.folders(path).anyExists()) {
            return;
        }
        if (!cgroups.processes(path).isEmpty()) {
            cgroups.killAll(path, Signals.SIGKILL);
        }
        cgroups.remove(path);
    }

    /** The recorded path, or the default one for a state written before it was recorded. */
    static String path(ContainerState state) {
        String recorded = state.annotations().get(ContainerState.CGROUP_PATH);
        return recorded != null && !recorded.isBlank() ? recorded : ContainerSpec.DEFAULT_CGROUP_PARENT + "/" + state.id();
    }
}
