package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.controller.LayoutAwareController;
import dev.contedor.cgroups.controller.UnavailableController;
import dev.contedor.cgroups.controller.freezer.FreezerController;
import dev.contedor.cgroups.fs.CgroupFolder;
import dev.contedor.cgroups.fs.DirectoryOps;
import dev.contedor.cgroups.fs.FolderRemover;
import dev.contedor.cgroups.fs.RemovalPolicy;
import dev.contedor.api.launch.Leftover;
import dev.contedor.cgroups.layout.CgroupLayout;
import dev.contedor.cgroups.pressure.PressureReader;
import dev.contedor.cgroups.signal.Signals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import dev.contedor.api.spec.ContainerSpec;

/**
 * What every layout does the same way once it knows where a container's folders are:
 * limits, attach, stats, freeze, kill-all and removal. A layout's driver says where the
 * folders are ({@link #folders}) and how they are made ({@link #create}).
 */
public abstract class AbstractCgroupDriver implements CgroupDriver {
    private static final String CGROUP_KILL = "cgroup.kill";
    /** How long kill-all without a freezer keeps signalling newly forked processes. */
    static final Duration KILL_PASSES_TIMEOUT = Duration.ofSeconds(2);

    private final CgroupLayout layout;
    private final List<CgroupController> controllers;
    private final FreezerController freezer = new FreezerController();
    private final PressureReader pressure = new PressureReader();
    private final FolderRemover remover;

    protected AbstractCgroupDriver(CgroupLayout layout, List<CgroupController> controllers, DirectoryOps ops) {
        this.layout = layout;
        this.controllers = List.copyOf(controllers);
        this.remover = new FolderRemover(ops, RemovalPolicy.DEFAULT);
    }

    @Override
    public CgroupLayout layout() {
        return layout;
    }

    /** Every controller known, whether or not this host has it. */
    protected List<CgroupController> controllers() {
        return controllers;
    }

    @Override
    public void apply(String path, Resources resources) {
        apply(folders(path), resources, c -> c.appliesTo(resources), (c, d) -> c.apply(resources, d));
    }

    @Override
    public void apply(String path, ContainerSpec spec) {
        Resources resources = spec.cgroup().resources();
        apply(folders(path), resources, c -> c.appliesTo(spec), (c, d) -> c.apply(spec, d));
    }

    private void apply(ContainerFolders folders, Resources resources, Predicate<CgroupController> applies,
                       BiConsumer<CgroupController, CgroupDirectory> write) {
        for (CgroupController controller : controllers) {
            if (!applies.test(controller)) {
                continue;
            }
            Optional<CgroupDirectory> directory = folders.directory(controller.name());
            if (directory.isPresent()) {
                write.accept(controller, directory.get());
            } else if (controller instanceof LayoutAwareController aware) {
                aware.unavailable(resources);
            } else {
                throw ContedorException.runtime(UnavailableController.message(controller));
            }
        }
    }

    @Override
    public void attach(String path, long pid) {
        for (CgroupFolder folder : folders(path).all()) {
            folder.write(CgroupFolder.PROCS, Long.toString(pid));
        }
    }

    @Override
    public ContainerStats stats(String id, String path) {
        ContainerFolders folders = folders(path);
        ContainerStats.Builder stats = ContainerStats.builder(id);
        read(folders, controllers, stats);
        folders.unified().filter(CgroupFolder::exists).ifPresent(u -> pressure.read(u, stats));
        return stats.build();
    }

    @Override
    public ContainerStats stats(String id, String path, Set<String> only) {
        ContainerStats.Builder stats = ContainerStats.builder(id);
        read(folders(path), controllers.stream().filter(c -> only.contains(c.name())).toList(), stats);
        return stats.build();
    }

    private static void read(ContainerFolders folders, Collection<? extends CgroupController> which,
                             ContainerStats.Builder stats) {
        for (CgroupController controller : which) {
            folders.existingDirectory(controller.name()).ifPresent(d -> controller.readStats(d, stats));
        }
    }

    @Override
    public void freeze(String path) {
        freezer.freeze(freezerDirectory(path));
    }

    @Override
    public void thaw(String path) {
        freezer.thaw(freezerDirectory(path));
    }

    private CgroupDirectory freezerDirectory(String path) {
        ContainerFolders folders = folders(path);
        return folders.existingDirectory("freezer").orElseThrow(() -> ContedorException.runtime(
                folders.directory("freezer").isEmpty()
                        ? "this host has no cgroup freezer (no v1 freezer hierarchy, no cgroup2 folder for the container)"
                        : "the container has no cgroup at " + path + " (it is not running)"));
    }

    @Override
    public Set<Long> processes(String path) {
        return folders(path).processes();
    }

    /**
     * SIGKILL through cgroup v2's {@code cgroup.kill} when the container has a cgroup2 folder
     * with it (Linux 5.14+): the kernel kills every task, forks included. Otherwise each pid
     * while the container is frozen, so that none forks meanwhile, then thawed (always for
     * SIGKILL, which a v1-frozen task only acts on once thawed; for other signals only when it
     * was not frozen before, so that a paused container stays paused). Without any freezer,
     * SIGKILL is repeated until no process is left.
     */
    @Override
    public void killAll(String path, int signal) {
        ContainerFolders folders = folders(path);
        if (!folders.anyExists()) {
            return;
        }
        if (signal == Signals.SIGKILL) {
            Optional<CgroupFolder> unified = folders.unified().filter(CgroupFolder::exists);
            if (unified.isPresent() && unified.get().has(CGROUP_KILL)) {
                unified.get().write(CGROUP_KILL, "1");
                // on a hybrid host the freezer may be v1's, whose frozen tasks cannot die until thawed
                folders.existingDirectory("freezer")
                        .filter(d -> d.version() == CgroupVersion.V1 && freezer.isFrozen(d))
                        .ifPresent(freezer::thaw);
                return;
            }
        }
        Optional<CgroupDirectory> freezerDirectory = folders.existingDirectory("freezer");
        boolean wasFrozen = freezerDirectory.map(freezer::isFrozen).orElse(false);
        boolean frozen = false;
        if (freezerDirectory.isPresent()) {
            try {
                freezer.freeze(freezerDirectory.get());
                frozen = true;
            } catch (ContedorException e) {
                // a freeze that stalls must not keep the processes alive: signal them anyway
            }
        }
        try {
            signalEach(folders, signal);
            if (signal == Signals.SIGKILL && !frozen) {
                long deadline = System.nanoTime() + KILL_PASSES_TIMEOUT.toNanos();
                while (!folders.processes().isEmpty() && System.nanoTime() < deadline) {
                    signalEach(folders, signal);
                    pause();
                }
            }
        } finally {
            if (freezerDirectory.isPresent() && (signal == Signals.SIGKILL || !wasFrozen)) {
                freezer.thaw(freezerDirectory.get());
            }
        }
    }

    private static void signalEach(ContainerFolders folders, int signal) {
        long self = ProcessHandle.current().pid();
        for (long pid : folders.processes()) {
            if (pid != self) {
                Signals.send(pid, signal);
            }
        }
    }

    @Override
    public void remove(String path) {
        List<String> failures = new ArrayList<>();
        ContedorException first = null;
        long deadline = remover.deadline(); // one wait for all hierarchies, not one each
        for (ContainerFolders.Placed placed : folders(path).placed()) {
            try {
                remover.remove(placed.folder(), placed.hierarchy().mountPoint(), deadline);
            } catch (ContedorException e) {
                failures.add(e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw failures.size() == 1 ? first : ContedorException.runtime(String.join("; ", failures), first);
        }
    }

    @Override
    public List<Leftover> leftovers(String path) {
        ContainerFolders folders = folders(path);
        List<Leftover> steps = new ArrayList<>();
        // frozen v1 tasks cannot die until thawed; v2 kills every task at once where it can
        folders.existingDirectory("freezer").filter(d -> d.version() == CgroupVersion.V1)
                .ifPresent(d -> steps.add(new Leftover.WriteFile(d.path().resolve(FreezerController.V1_STATE), "THAWED")));
        folders.unified().filter(u -> u.has(CGROUP_KILL))
                .ifPresent(u -> steps.add(new Leftover.WriteFile(u.path().resolve(CGROUP_KILL), "1")));
        RemovalPolicy policy = RemovalPolicy.DEFAULT;
        for (ContainerFolders.Placed placed : folders.placed()) {
            Path folder = placed.folder().path();
            steps.add(new Leftover.RemoveFolder(folder, policy.attempts(), policy.retryInterval(),
                    Optional.of(folder.resolve(CgroupFolder.PROCS))));
        }
        for (ContainerFolders.Placed placed : folders.placed()) {
            FolderRemover.removableParent(placed.folder().path(), placed.hierarchy().mountPoint())
                    .ifPresent(parent -> steps.add(new Leftover.RemoveFolderIfEmpty(parent)));
        }
        return steps;
    }

    @Override
    public List<String> describeSetup(String path, Resources resources) {
        List<String> lines = new ArrayList<>(describeCreate(path));
        ContainerFolders folders = folders(path);
        apply(folders.described(lines), resources, c -> c.appliesTo(resources), (c, d) -> c.apply(resources, d));
        folders.all().forEach(f -> lines.add("write the init's pid to " + f.path().resolve(CgroupFolder.PROCS)));
        return lines;
    }

    /** How {@link #create} makes the folders, one line a step. */
    protected List<String> describeCreate(String path) {
        return folders(path).all().stream().map(f -> "mkdir -p " + f.path()).toList();
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ContedorException.runtime("interrupted while killing a container's processes", e);
        }
    }
}
