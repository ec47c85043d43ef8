package dev.contedor.runtime.lifecycle;

import com.google.inject.Inject;
import dev.contedor.api.RuntimePaths;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.isolation.LaunchContext;
import dev.contedor.api.launch.ExitStatus;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Leftover;
import dev.contedor.api.launch.LaunchedProcess;
import dev.contedor.api.launch.Launcher;
import dev.contedor.api.launch.ProvidedFile;
import dev.contedor.api.rootfs.ContainerRootfs;
import dev.contedor.api.rootfs.RootfsProvider;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.state.ContainerState;
import dev.contedor.api.state.Status;
import dev.contedor.runtime.spec.CheckedRequest;
import dev.contedor.runtime.spec.HostFacts;
import dev.contedor.runtime.spec.RunRequest;
import dev.contedor.runtime.spec.SpecFactory;
import dev.contedor.runtime.state.PrivateFolders;
import dev.contedor.runtime.state.ProcessStartTime;
import dev.contedor.runtime.state.StateStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * {@code run} in the foreground: resolve the root filesystem, build the spec and plan,
 * start the init through the launcher, run the isolators' parent hooks while it waits,
 * let it exec, wait for its end, and release everything it got, whatever happens.
 */
public final class RunContainer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RuntimePaths paths;
    private final Launcher launcher;
    private final RootfsProvider rootfs;
    private final LaunchPlanner planner;
    private final StateStore store;

    @Inject
    public RunContainer(RuntimePaths paths, Launcher launcher, RootfsProvider rootfs, LaunchPlanner planner,
                        StateStore store) {
        this.paths = paths;
        this.launcher = launcher;
        this.rootfs = rootfs;
        this.planner = planner;
        this.store = store;
    }

    /** A new container id: 64 hex characters, as docker makes them. */
    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The plan {@code run} would execute and the runtime's own steps, without creating
     * anything (the root filesystem is resolved, not prepared).
     */
    public LaunchExplanation explain(RunRequest request) {
        String id = newId();
        CheckedRequest checked = SpecFactory.check(request, HostFacts.read());
        ContainerSpec spec = SpecFactory.create(id, rootfs.describe(request.rootfs(), id, paths.dataRoot()), checked);
        Path stateDir = paths.containerDir(id);
        PlannedLaunch planned = planner.plan(spec, stateDir);
        List<String> parent = new ArrayList<>();
        parent.add("create the state folder " + stateDir);
        planned.plan().files().forEach(f -> parent.add("write " + f.hostPath() + " (" + f.containerPath()
                + " in the container)"));
        for (Isolator isolator : planned.isolators()) {
            try {
                parent.addAll(isolator.describeBeforeStart(spec));
            } catch (RuntimeException e) {
                throw new IsolatorFailure(isolator, "describeBeforeStart", e);
            }
        }
        parent.add("tell the launcher what to remove should the runtime die, then let the child go");
        return new LaunchExplanation(planned.plan(), parent);
    }

    /**
     * Checks the request (once) and prepares the root filesystem (and the container's own
     * layer of it); {@link #run} releases it, and so does a failure here.
     */
    public ContainerSpec prepare(RunRequest request) {
        String id = newId();
        // every flag is checked before the (possibly slow) root filesystem work
        CheckedRequest checked = SpecFactory.check(request, HostFacts.read());
        HostPrivileges.requireRoot("run");
        PrivateFolders.secure(paths);
        ContainerRootfs root = rootfs.prepare(request.rootfs(), id, paths.dataRoot());
        try {
            return SpecFactory.create(id, root, checked);
        } catch (RuntimeException e) {
            rootfs.release(id, paths.dataRoot());
            throw e;
        }
    }

    /**
     * Runs the container to its end. Whatever happens, what it got is released in one order:
     * the isolators' (last contributor first), the root filesystem's, the state folder.
     *
     * @param attach called as soon as the init exists (e.g. to forward signals, which the init
     *               receives once it runs the command); closed when it ends
     */
    public RunOutcome run(ContainerSpec spec, Function<LaunchedProcess, AutoCloseable> attach) {
        Path stateDir;
        try {
            stateDir = store.create(spec.id());
        } catch (RuntimeException e) {
            rootfs.release(spec.id(), paths.dataRoot());
            throw e;
        }
        List<Isolator> isolators = List.of();
        ContainerState state = new ContainerState(ContainerState.OCI_VERSION, spec.id(), Status.CREATING, 0, 0,
                null, spec.root().path(), spec.process().args(), Instant.now(), stateDir, spec.annotations());
        try {
            PlannedLaunch planned = planner.plan(spec, stateDir);
            isolators = planned.isolators();
            writeProvidedFiles(planned.plan());
            store.save(state);
            try (LaunchedProcess process = launcher.launch(planned.plan(), stateDir);
                 AutoCloseable ignored = attach.apply(process)) {
                LaunchContext context = new LaunchContext(spec, process.pid(), stateDir);
                for (Isolator isolator : isolators) {
                    try {
                        isolator.beforeStart(context);
                    } catch (RuntimeException e) {
                        throw new IsolatorFailure(isolator, "beforeStart", e);
                    }
                }
                process.removeIfOrphaned(leftovers(isolators, context, stateDir));
                state = state.withStatus(Status.CREATED, process.pid(), ProcessStartTime.of(process.pid()));
                store.save(state);
                process.proceed();
                state = state.withStatus(Status.RUNNING, state.pid(), state.startTime());
                store.save(state);
                ExitStatus exit = process.waitFor();
                List<String> notes = explainExit(isolators, state, exit);
                state = state.withStatus(Status.STOPPED, 0, 0);
                store.save(state);
                return new RunOutcome(exit, notes);
            }
        } catch (ContedorException e) {
            throw e;
        } catch (Exception e) {
            throw ContedorException.runtime("container " + spec.shortId() + ": " + e.getMessage(), e);
        } finally {
            release(isolators, state);
        }
    }

    /** What {@link #release} removes, in its order: the isolators' (last first), the root's, the state folder. */
    private List<Leftover> leftovers(List<Isolator> isolators, LaunchContext context, Path stateDir) {
        List<Leftover> leftovers = new ArrayList<>();
        for (Isolator isolator : isolators.reversed()) {
            leftovers.addAll(isolator.leftovers(context));
        }
        leftovers.addAll(rootfs.leftovers(context.spec().id(), paths.dataRoot()));
        leftovers.add(new Leftover.RemoveTree(stateDir));
        return leftovers;
    }

    private static List<String> explainExit(List<Isolator> isolators, ContainerState state, ExitStatus exit) {
        List<String> notes = new ArrayList<>();
        for (Isolator isolator : isolators) {
            try {
                isolator.explainExit(state, exit).ifPresent(notes::add);
            } catch (RuntimeException e) {
                notes.add("isolator " + isolator.name() + " could not explain the exit: " + e.getMessage());
            }
        }
        return notes;
    }

    private void release(List<Isolator> isolators, ContainerState state) {
        RuntimeException first = null;
        for (Isolator isolator : isolators.reversed()) {
            try {
                isolator.afterExit(state);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = new IsolatorFailure(isolator, "afterExit", e);
                }
            }
        }
        try {
            rootfs.release(state.id(), paths.dataRoot());
        } catch (RuntimeException e) {
            if (first == null) {
                first = e;
            }
        }
        store.delete(state.id());
        if (first != null) {
            throw first;
        }
    }

    private static void writeProvidedFiles(LaunchPlan plan) throws IOException {
        for (ProvidedFile file : plan.files()) {
            Files.write(file.hostPath(), file.content());
        }
    }
}
