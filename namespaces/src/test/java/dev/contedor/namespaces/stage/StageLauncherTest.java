package dev.contedor.namespaces.stage;

import dev.contedor.api.error.ExitCode;
import dev.contedor.api.launch.ExitStatus;
import dev.contedor.api.launch.LaunchFailedException;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.LaunchedProcess;
import dev.contedor.api.launch.Leftover;
import dev.contedor.api.launch.Prctl;
import dev.contedor.api.launch.Rlimit;
import dev.contedor.api.spec.Capability;
import dev.contedor.api.launch.MountFlags;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.spec.NamespaceType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feeds hand-written plans to the real native stage (as root, on the real kernel). */
class StageLauncherTest {
    @TempDir
    Path tmp;
    Path rootfs;
    Path state;

    @BeforeEach
    void setUp() throws IOException {
        assertTrue(Files.isExecutable(Path.of("/bin/busybox")), "/bin/busybox is missing: apt-get install busybox-static");
        assertTrue("root".equals(System.getProperty("user.name")), "run the tests as root: the stage needs root");
        rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
        Files.createDirectories(rootfs.resolve("proc"));
        state = Files.createDirectories(tmp.resolve("state"));
    }

    private LaunchPlan.Builder jailed() {
        LaunchPlan.Builder plan = LaunchPlan.builder(state)
                .newNamespace(NamespaceType.MOUNT).newNamespace(NamespaceType.UTS).newNamespace(NamespaceType.PID);
        plan.add(Phase.CLONED, new LaunchOp.AwaitParent());
        plan.add(Phase.ROOTFS, new LaunchOp.Mount("", "/", "", MountFlags.REC | MountFlags.PRIVATE, ""));
        plan.add(Phase.ROOTFS, new LaunchOp.Mount(rootfs.toString(), rootfs.toString(), "", MountFlags.BIND | MountFlags.REC, ""));
        plan.add(Phase.PIVOT, new LaunchOp.PivotRoot(rootfs.toString()));
        plan.add(Phase.CONTAINER, new LaunchOp.Mount("proc", "/proc", "proc", 0, ""));
        return plan;
    }

    private static ExitStatus run(LaunchPlan plan, Path state) {
        try (LaunchedProcess p = new StageLauncher().launch(plan, state)) {
            assertTrue(p.pid() > 1);
            p.proceed();
            return p.waitFor();
        }
    }

    @Test
    void runsTheCommandAsPidOneWithItsOwnHostnameInsideTheNewRoot() throws IOException {
        LaunchPlan.Builder plan = jailed();
        plan.add(Phase.CONTAINER, new LaunchOp.SetHostname("stage-test"));
        plan.add(Phase.EXEC, new LaunchOp.Exec(List.of("sh", "-c", "echo $$ $(hostname) > /out; ls / > /ls; exit 7"),
                List.of("PATH=/bin")));
        ExitStatus exit = run(plan.build(), state);
        assertEquals(7, exit.exitCode());
        assertEquals("1 stage-test", Files.readString(rootfs.resolve("out")).strip());
        assertTrue(Files.readString(rootfs.resolve("ls")).contains("proc"));
        assertFalse(Files.readString(Path.of("/proc/sys/kernel/hostname")).contains("stage-test"));
    }

    @Test
    void aProvidedHostFileIsBoundInAfterPivotRootAndCanBeReadOnly() throws IOException {
        LaunchPlan.Builder plan = jailed();
        plan.add(Phase.CONTAINER, new LaunchOp.MakeDirectories("/etc", 0755));
        plan.provideFile("/etc/greeting", "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        plan.add(Phase.EXEC, new LaunchOp.Exec(List.of("sh", "-c",
                "cat /etc/greeting > /out; (echo changed > /etc/greeting) || echo read-only >> /out"),
                List.of("PATH=/bin")));
        LaunchPlan built = plan.build();
        for (var file : built.files()) {
            Files.write(file.hostPath(), file.content());
        }
        assertEquals(0, run(built, state).exitCode());
        assertEquals("hello\nread-only\n", Files.readString(rootfs.resolve("out")));
        assertEquals(0, Files.size(rootfs.resolve("etc/greeting")), "the rootfs only got an empty mount point");
    }

    @Test
    void aFailedOperationComesBackAsOneLineNamingIt() {
        LaunchPlan.Builder plan = jailed();
        plan.add(Phase.CONTAINER, new LaunchOp.Mount("/does-not-exist", "/nowhere", "", MountFlags.BIND, ""));
        plan.add(Phase.EXEC, new LaunchOp.Exec(List.of("true"), List.of()));
        try (LaunchedProcess p = new StageLauncher().launch(plan.build(), state)) {
            LaunchFailedException e = assertThrows(LaunchFailedException.class, p::proceed);
            assertEquals("mount /does-not-exist on /nowhere: No such file or directory"
                    + " (step: mount /does-not-exist on /nowhere [bind])", e.getMessage());
            assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
        }
    }

    @Test
    void aMissingCommandIs127AndANonExecutableOne126() throws IOException {
        LaunchPlan.Builder missing = jailed();
        missing.add(Phase.EXEC, new LaunchOp.Exec(List.of("no-such-command"), List.of("PATH=/bin")));
        try (LaunchedProcess p = new StageLauncher().launch(missing.build(), state)) {
            LaunchFailedException e = assertThrows(LaunchFailedException.class, p::proceed);
            assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        }
        Files.writeString(rootfs.resolve("bin/notexec"), "#!/bin/sh\n");
        LaunchPlan.Builder denied = jailed();
        denied.add(Phase.EXEC, new LaunchOp.Exec(List.of("/bin/notexec"), List.of()));
        try (LaunchedProcess p = new StageLauncher().launch(denied.build(), state)) {
            LaunchFailedException e = assertThrows(LaunchFailedException.class, p::proceed);
            assertEquals(ExitCode.CANNOT_EXECUTE, e.exitCode());
        }
    }

    @Test
    void closingBeforeGoKillsTheWaitingChild() {
        LaunchPlan.Builder plan = jailed();
        plan.add(Phase.EXEC, new LaunchOp.Exec(List.of("sh", "-c", "touch /ran"), List.of("PATH=/bin")));
        long pid;
        try (LaunchedProcess p = new StageLauncher().launch(plan.build(), state)) {
            pid = p.pid();
        }
        assertFalse(Files.exists(Path.of("/proc/" + pid)), "child " + pid + " still exists");
        assertFalse(Files.exists(rootfs.resolve("ran")));
    }

    @Test
    void theChildSidePrimitivesComposeAPlan() throws IOException {
        LaunchPlan.Builder plan = jailed().newNamespace(NamespaceType.NETWORK);
        plan.add(Phase.CONTAINER, new LaunchOp.MakeDirectories("/srv/app/conf", 0750));
        plan.add(Phase.CONTAINER, new LaunchOp.Mount("tmpfs", "/srv/app/conf", "tmpfs", MountFlags.NOSUID, "size=64k"));
        plan.add(Phase.CONTAINER, new LaunchOp.WriteFile("/srv/app/conf/app.ini", "x=1\n".getBytes(), 0600));
        plan.add(Phase.CONTAINER, new LaunchOp.SetSysctl("net.ipv4.ping_group_range", "0 0"));
        plan.add(Phase.PROCESS, new LaunchOp.SetRlimit(Rlimit.NOFILE, 99, 100));
        plan.add(Phase.PROCESS, new LaunchOp.SetPrctl(Prctl.NO_NEW_PRIVS, 1));
        plan.add(Phase.PROCESS, new LaunchOp.DropCapability(Capability.NET_RAW));
        plan.add(Phase.EXEC, new LaunchOp.Exec(List.of("sh", "-c", "{ cat /srv/app/conf/app.ini; "
                + "stat -c %a /srv/app/conf/app.ini; grep -c tmpfs /proc/mounts; cat /proc/sys/net/ipv4/ping_group_range; "
                + "ulimit -n; ulimit -H -n; grep NoNewPrivs /proc/self/status; grep CapBnd /proc/self/status; } > /out"),
                List.of("PATH=/bin")));
        assertEquals(0, run(plan.build(), state).exitCode());
        List<String> out = Files.readAllLines(rootfs.resolve("out"));
        assertEquals("x=1", out.get(0));
        assertEquals("600", out.get(1));
        assertTrue(Integer.parseInt(out.get(2)) >= 1, out::toString);
        assertEquals(List.of("0", "0"), List.of(out.get(3).split("\\s+")));
        assertEquals(List.of("99", "100"), out.subList(4, 6));
        assertTrue(out.get(6).matches("NoNewPrivs:\\s+1"), out::toString);
        long bounding = Long.parseUnsignedLong(out.get(7).split("\\s+")[1], 16);
        assertEquals(0, bounding & (1L << Capability.NET_RAW.number()), "NET_RAW is out of the bounding set");
        assertFalse(Files.exists(rootfs.resolve("srv/app/conf/app.ini")), "the file went to the container's tmpfs");
    }

    @Test
    void aFailedPrimitiveNamesTheCallAndItsArgument() {
        LaunchPlan.Builder plan = jailed().newNamespace(NamespaceType.NETWORK);
        plan.add(Phase.CONTAINER, new LaunchOp.SetSysctl("net.ipv4.no_such_sysctl", "1"));
        plan.add(Phase.EXEC, new LaunchOp.Exec(List.of("true"), List.of()));
        try (LaunchedProcess p = new StageLauncher().launch(plan.build(), state)) {
            LaunchFailedException e = assertThrows(LaunchFailedException.class, p::proceed);
            assertEquals("open /proc/sys/net/ipv4/no_such_sysctl: No such file or directory"
                    + " (step: sysctl net.ipv4.no_such_sysctl = 1)", e.getMessage());
        }
    }

    @Test
    void whenTheRuntimeGoesAwayTheStageRunsTheCleanupStepsItWasGiven() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("layer/upper/etc"));
        Files.writeString(tree.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n");
        Path marker = Files.writeString(tmp.resolve("freezer.state"), "FROZEN");
        Path empty = Files.createDirectories(tmp.resolve("cgroup/contedor"));
        LaunchPlan.Builder plan = jailed();
        plan.add(Phase.EXEC, new LaunchOp.Exec(List.of("sleep", "30"), List.of("PATH=/bin")));
        LaunchedProcess p = new StageLauncher().launch(plan.build(), state);
        p.removeIfOrphaned(List.of(new Leftover.WriteFile(marker, "THAWED"),
                new Leftover.RemoveTree(tmp.resolve("layer")),
                new Leftover.RemoveFolder(empty, 3, java.time.Duration.ofMillis(5), java.util.Optional.empty()),
                new Leftover.RemoveFolderIfEmpty(empty.getParent())));
        p.close(); // the stage sees its runtime go: it kills the child and cleans up
        assertEquals("THAWED", Files.readString(marker));
        assertFalse(Files.exists(tmp.resolve("layer")));
        assertFalse(Files.exists(tmp.resolve("cgroup")));
    }
}
