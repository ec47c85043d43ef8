package dev.contedor.runtime.lifecycle;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.isolation.LaunchContext;
import dev.contedor.api.launch.ExitStatus;
import dev.contedor.api.launch.LaunchFailedException;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.LaunchedProcess;
import dev.contedor.api.launch.Launcher;
import dev.contedor.api.launch.Leftover;
import dev.contedor.api.rootfs.ContainerRootfs;
import dev.contedor.api.rootfs.RootfsProvider;
import dev.contedor.api.rootfs.RootfsSource;
import dev.contedor.api.spec.CgroupSpec;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.FilesystemSpec;
import dev.contedor.api.spec.ProcessSpec;
import dev.contedor.api.spec.RootSpec;
import dev.contedor.api.spec.User;
import dev.contedor.api.spec.UtsNames;
import dev.contedor.api.state.ContainerState;
import dev.contedor.runtime.state.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RunContainer} owns failure handling and the release order: with a fake launcher,
 * root filesystem provider and isolators that record what happens, a failure at each step
 * must release exactly what was made, in one order (isolators last contributor first, the
 * root filesystem, the state folder), and a success must record each status on the way.
 */
class RunContainerTest {
    private static final String ID = "0123456789abcdef".repeat(4);

    @TempDir
    Path tmp;
    private final List<String> events = new ArrayList<>();
    private RuntimePaths paths;
    private FakeLauncher launcher;
    private Recording first;
    private Recording second;

    @BeforeEach
    void setUp() {
        paths = new RuntimePaths(tmp.resolve("state"), tmp.resolve("data"), tmp.resolve("plugins"));
        launcher = new FakeLauncher();
        first = new Recording("first");
        second = new Recording("second");
    }

    private RunContainer runner() {
        Set<Isolator> isolators = new LinkedHashSet<>(List.of(first, second, new NotApplicable()));
        // the real store, its saves and deletes recorded
        StateStore store = Mockito.spy(new StateStore(paths));
        Mockito.doAnswer(call -> {
            call.callRealMethod();
            events.add("save " + call.<ContainerState>getArgument(0).status().ociName());
            return null;
        }).when(store).save(Mockito.any());
        Mockito.doAnswer(call -> {
            call.callRealMethod();
            events.add("delete state");
            return null;
        }).when(store).delete(Mockito.anyString());
        return new RunContainer(paths, launcher, new FakeRootfs(), new LaunchPlanner(isolators), store);
    }

    private static ContainerSpec spec() {
        ProcessSpec process = new ProcessSpec(false, false, List.of("sh"), List.of("PATH=/bin"), "/", User.ROOT, Set.of(),
                false);
        return new ContainerSpec(ID, RootSpec.folder(Path.of("/srv/root")), process, UtsNames.NONE, FilesystemSpec.NONE,
                List.of(), CgroupSpec.unlimited(ID), Map.of());
    }

    private RunOutcome run() {
        return runner().run(spec(), process -> {
            events.add("attach");
            return () -> events.add("detach");
        });
    }

    private static final List<String> RELEASE = List.of("afterExit second", "afterExit first", "release rootfs",
            "delete state");

    @Test
    void aRunRecordsEachStatusAndReleasesInOrder() {
        RunOutcome outcome = run();
        assertEquals(3, outcome.exit().exitCode());
        assertEquals(List.of("note from second"), outcome.notes());
        List<String> expected = new ArrayList<>(List.of("contribute first", "contribute second", "save creating",
                "launch", "attach", "beforeStart first", "beforeStart second", "leftovers", "save created", "proceed",
                "save running", "wait", "save stopped", "detach", "close"));
        expected.addAll(RELEASE);
        assertEquals(expected, events);
        assertFalse(Files.exists(paths.containerDir(ID)), "the state folder is gone");
    }

    @Test
    void theLauncherIsToldTheLeftoversInReleaseOrder() {
        run();
        assertEquals(List.of(Path.of("/leftover/second"), Path.of("/leftover/first"), Path.of("/leftover/rootfs"),
                paths.containerDir(ID)), launcher.leftovers.stream().map(Leftover::path).toList());
    }

    @Test
    void theStateFolderTakenReleasesOnlyTheRootfs() throws IOException {
        Files.createDirectories(paths.containerDir(ID));
        ContedorException e = assertThrows(ContedorException.class, this::run);
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(List.of("release rootfs"), events);
    }

    @Test
    void aFailedContributionLaunchesNothingAndReleasesTheRootfsAndState() {
        second.failIn = "contribute";
        IsolatorFailure e = assertThrows(IsolatorFailure.class, this::run);
        assertTrue(e.getMessage().startsWith("isolator second failed in contribute"), e.getMessage());
        assertEquals(List.of("contribute first", "contribute second", "release rootfs", "delete state"), events);
    }

    @Test
    void aFailedLaunchReleasesEveryApplicableIsolator() {
        launcher.failLaunch = true;
        assertThrows(ContedorException.class, this::run);
        List<String> expected = new ArrayList<>(List.of("contribute first", "contribute second", "save creating",
                "launch"));
        expected.addAll(RELEASE);
        assertEquals(expected, events);
    }

    @Test
    void aFailedParentHookClosesTheChildBeforeReleasing() {
        first.failIn = "beforeStart";
        IsolatorFailure e = assertThrows(IsolatorFailure.class, this::run);
        assertTrue(e.getMessage().contains("isolator first failed in beforeStart"), e.getMessage());
        List<String> expected = new ArrayList<>(List.of("contribute first", "contribute second", "save creating",
                "launch", "attach", "beforeStart first", "detach", "close"));
        expected.addAll(RELEASE);
        assertEquals(expected, events);
    }

    @Test
    void aFailedChildStepComesBackAsItIsAfterTheRelease() {
        LaunchFailedException failure = new LaunchFailedException(new LaunchOp.ChangeDirectory("/x"), 2,
                "chdir /x: No such file or directory");
        launcher.failProceed = failure;
        assertSame(failure, assertThrows(LaunchFailedException.class, this::run));
        List<String> expected = new ArrayList<>(List.of("contribute first", "contribute second", "save creating",
                "launch", "attach", "beforeStart first", "beforeStart second", "leftovers", "save created",
                "proceed", "detach", "close"));
        expected.addAll(RELEASE);
        assertEquals(expected, events);
    }

    @Test
    void aFailedReleaseStillReleasesTheRestAndReportsTheFirst() {
        second.failIn = "afterExit";
        IsolatorFailure e = assertThrows(IsolatorFailure.class, this::run);
        assertTrue(e.getMessage().startsWith("isolator second failed in afterExit"), e.getMessage());
        assertEquals(RELEASE, events.subList(events.size() - RELEASE.size(), events.size()));
    }

    /** An isolator that records its calls and fails in one of them when told. */
    private final class Recording implements Isolator {
        private final String name;
        String failIn = "";

        Recording(String name) {
            this.name = name;
        }

        private void step(String what) {
            events.add(what + " " + name);
            if (failIn.equals(what)) {
                throw new IllegalStateException(name + " broke in " + what);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> after() {
            return name.equals("second") ? Set.of("first") : Set.of();
        }

        @Override
        public boolean appliesTo(ContainerSpec spec) {
            return true;
        }

        @Override
        public void contribute(ContainerSpec spec, LaunchPlan.Builder plan) {
            step("contribute");
        }

        @Override
        public void beforeStart(LaunchContext context) {
            step("beforeStart");
        }

        @Override
        public List<Leftover> leftovers(LaunchContext context) {
            return List.of(new Leftover.RemoveTree(Path.of("/leftover", name)));
        }

        @Override
        public Optional<String> explainExit(ContainerState state, ExitStatus exit) {
            return name.equals("second") ? Optional.of("note from second") : Optional.empty();
        }

        @Override
        public void afterExit(ContainerState state) {
            step("afterExit");
        }
    }

    /** Never applies: never contributes, never released. */
    private final class NotApplicable implements Isolator {
        @Override
        public String name() {
            return "unused";
        }

        @Override
        public boolean appliesTo(ContainerSpec spec) {
            return false;
        }

        @Override
        public void contribute(ContainerSpec spec, LaunchPlan.Builder plan) {
            events.add("contribute unused");
        }

        @Override
        public void afterExit(ContainerState state) {
            events.add("afterExit unused");
        }
    }

    private final class FakeRootfs implements RootfsProvider {
        @Override
        public ContainerRootfs prepare(RootfsSource source, String containerId, Path dataRoot) {
            throw new AssertionError("run does not prepare");
        }

        @Override
        public ContainerRootfs describe(RootfsSource source, String containerId, Path dataRoot) {
            throw new AssertionError("run does not describe");
        }

        @Override
        public void release(String containerId, Path dataRoot) {
            events.add("release rootfs");
        }

        @Override
        public List<Leftover> leftovers(String containerId, Path dataRoot) {
            return List.of(new Leftover.RemoveTree(Path.of("/leftover/rootfs")));
        }
    }

    private final class FakeLauncher implements Launcher {
        boolean failLaunch;
        RuntimeException failProceed;
        List<Leftover> leftovers = List.of();

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public LaunchedProcess launch(LaunchPlan plan, Path stateDir) {
            events.add("launch");
            if (failLaunch) {
                throw ContedorException.runtime("the native stage could not start the container");
            }
            return new LaunchedProcess() {
                @Override
                public long pid() {
                    return 4242;
                }

                @Override
                public void proceed() {
                    events.add("proceed");
                    if (failProceed != null) {
                        throw failProceed;
                    }
                }

                @Override
                public void removeIfOrphaned(List<Leftover> given) {
                    events.add("leftovers");
                    leftovers = given;
                }

                @Override
                public void signal(int signal) {
                }

                @Override
                public ExitStatus waitFor() {
                    events.add("wait");
                    return ExitStatus.exited(3);
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        }
    }
}
