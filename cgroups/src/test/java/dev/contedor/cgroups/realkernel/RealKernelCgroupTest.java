package dev.contedor.cgroups.realkernel;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.LaunchContext;
import dev.contedor.api.launch.ExitStatus;
import dev.contedor.api.state.ContainerState;
import dev.contedor.cgroups.driver.CgroupDriver;
import dev.contedor.cgroups.CgroupsPlugin;
import dev.contedor.cgroups.driver.HostDriver;
import dev.contedor.cgroups.fake.Specs;
import dev.contedor.cgroups.fake.StdErr;
import dev.contedor.cgroups.fs.CgroupFolder;
import dev.contedor.cgroups.isolation.CgroupIsolator;
import dev.contedor.cgroups.layout.CgroupLayout;
import dev.contedor.cgroups.layout.Hierarchy;
import dev.contedor.cgroups.layout.LayoutDetector;
import dev.contedor.cgroups.layout.LayoutKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claims on this host's real kernel, whatever its layout: folders in every hierarchy,
 * limits, attach, stats, freeze, kill-all, OOM and fork explanations, and nothing left behind.
 * Each test works below a parent of its own ({@code contedor-test-RANDOM}).
 */
class RealKernelCgroupTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path stateDir;
    CgroupDriver driver;
    String parent;
    final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void asRoot() throws IOException {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
        assertTrue(uid.equals("0"), "run the tests as root: cgroups are made by root");
    }

    @BeforeEach
    void uniqueParent() {
        driver = new HostDriver(CgroupsPlugin::builtInControllers).get();
        parent = "contedor-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    @AfterEach
    void nothingLeft() throws IOException {
        for (Process p : started) {
            p.destroyForcibly();
        }
        List<Path> left = leftovers();
        for (Path dir : left) { // clean up for the next run, then fail
            try (var walk = Files.walk(dir)) {
                walk.filter(Files::isDirectory).sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(d -> {
                    try {
                        Files.delete(d);
                    } catch (IOException ignored) {
                        // reported below
                    }
                });
            }
        }
        assertEquals(List.of(), left, "cgroup folders left behind");
    }

    /** This test's parent in any hierarchy, v1 or v2, whether the container used it or not. */
    private List<Path> leftovers() {
        List<Path> left = new ArrayList<>();
        CgroupLayout layout = driver.layout();
        List<Hierarchy> all = new ArrayList<>(layout.v1());
        layout.unified().ifPresent(all::add);
        for (Hierarchy h : all) {
            if (Files.exists(h.mountPoint().resolve(parent))) {
                left.add(h.mountPoint().resolve(parent));
            }
        }
        return left;
    }

    private Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    private static void go(Process p) throws IOException {
        OutputStream in = p.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** utime + stime of a process, in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    @Test
    void theLayoutFoundIsTheOneMounted() {
        CgroupLayout layout = new LayoutDetector().detect();
        boolean v1Controllers = layout.v1().stream().anyMatch(h -> !h.controllers().isEmpty());
        assertEquals(v1Controllers ? (layout.unified().isPresent() ? LayoutKind.HYBRID : LayoutKind.V1) : LayoutKind.V2,
                layout.kind());
        layout.v1().forEach(h -> assertTrue(Files.exists(h.mountPoint().resolve("cgroup.procs")), h.toString()));
        layout.unified().ifPresent(u -> assertTrue(Files.exists(u.mountPoint().resolve("cgroup.controllers"))));
        System.out.println("cgroup layout of this host: " + layout);
    }

    @Test
    void createLimitAttachStatsFreezeThawKillRemove() throws Exception {
        String path = parent + "/c1";
        driver.create(path);
        List<CgroupFolder> folders = driver.folders(path).all();
        assertFalse(folders.isEmpty());
        folders.forEach(f -> assertTrue(f.exists(), f + " made"));
        StdErr.of(() -> driver.apply(path, limits().pids(10).memory(64 * MIB).build()));

        Process busy = start("sh", "-c", "while :; do :; done");
        driver.attach(path, busy.pid());
        String own = Files.readString(Path.of("/proc/" + busy.pid() + "/cgroup"));
        assertEquals(folders.size(), own.lines().filter(l -> l.endsWith(":/" + path)).count(),
                "in the container's folder of every hierarchy: " + own);
        assertEquals(java.util.Set.of(busy.pid()), driver.processes(path));

        ContainerStats stats = driver.stats("c1", path);
        assertEquals(1, stats.pids().orElseThrow().current());
        assertEquals(OptionalLong.of(10), stats.pids().orElseThrow().limit());
        assertEquals(OptionalLong.of(64 * MIB), stats.memory().orElseThrow().limitBytes());
        Thread.sleep(100);
        assertTrue(driver.stats("c1", path).cpu().orElseThrow().usageNanos() > 0, "the loop used CPU in the cgroup");

        driver.freeze(path);
        long frozenAt = cpuTicks(busy.pid());
        Thread.sleep(300);
        assertEquals(frozenAt, cpuTicks(busy.pid()), "no CPU time while frozen");
        driver.thaw(path);
        Thread.sleep(300);
        assertTrue(cpuTicks(busy.pid()) > frozenAt, "runs again once thawed");

        driver.killAll(path, 9);
        assertTrue(busy.waitFor(5, TimeUnit.SECONDS), "killed");
        assertEquals(137, busy.exitValue());

        driver.remove(path);
        folders.forEach(f -> assertFalse(f.exists(), f + " removed"));
    }

    @Test
    void statsReadThroughTheApiAreWhatTheKernelFilesSay() throws Exception {
        String path = parent + "/c3";
        driver.create(path);
        Process sleeper = start("sh", "-c", "x=$(seq 1 20000); sleep 30");
        driver.attach(path, sleeper.pid());
        Thread.sleep(300);
        driver.freeze(path); // nothing moves while both are read
        try {
            ContainerStats stats = driver.stats("c3", path);
            List<Path> dirs = driver.folders(path).all().stream().map(CgroupFolder::path).toList();
            assertEquals(Long.parseLong(kernelFile(dirs, "pids.current")), stats.pids().orElseThrow().current());
            String memory = kernelFileOr(dirs, "memory.usage_in_bytes", "memory.current");
            // frozen tasks do not run, but the kernel still charges and uncharges a few pages of its own
            long kernelSays = Long.parseLong(memory);
            long apiSays = stats.memory().orElseThrow().usageBytes();
            assertTrue(Math.abs(kernelSays - apiSays) <= 256 * 1024, "memory usage: kernel " + kernelSays + ", api " + apiSays);
            long cpuNanos = kernelFileExists(dirs, "cpuacct.usage")
                    ? Long.parseLong(kernelFile(dirs, "cpuacct.usage"))
                    : Long.parseLong(kernelFile(dirs, "cpu.stat").lines().filter(l -> l.startsWith("usage_usec "))
                            .findFirst().orElseThrow().substring(11)) * 1000;
            assertEquals(cpuNanos, stats.cpu().orElseThrow().usageNanos());
        } finally {
            driver.killAll(path, 9);
            sleeper.waitFor(5, TimeUnit.SECONDS);
            driver.remove(path);
        }
    }

    /** A control file of the container, from whichever of its folders has it (cpuacct is a hierarchy of its own on v1). */
    private static String kernelFile(List<Path> dirs, String name) throws IOException {
        for (Path d : dirs) {
            if (Files.exists(d.resolve(name))) {
                return Files.readString(d.resolve(name)).strip();
            }
        }
        throw new AssertionError(name + " in none of " + dirs);
    }

    private static boolean kernelFileExists(List<Path> dirs, String name) {
        return dirs.stream().anyMatch(d -> Files.exists(d.resolve(name)));
    }

    private static String kernelFileOr(List<Path> dirs, String v1, String v2) throws IOException {
        return kernelFile(dirs, kernelFileExists(dirs, v1) ? v1 : v2);
    }

    @Test
    void killAllDeliversAnySignalToEveryProcess() throws Exception {
        String path = parent + "/c2";
        driver.create(path);
        Process a = start("sh", "-c", "trap 'exit 3' USR1; echo ready; while :; do sleep 0.05; done");
        Process b = start("sh", "-c", "trap 'exit 4' USR1; echo ready; while :; do sleep 0.05; done");
        driver.attach(path, a.pid());
        driver.attach(path, b.pid());
        // a signal sent before the shell set its trap would kill it instead (exit 138)
        for (Process p : List.of(a, b)) {
            assertEquals("ready", new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
        }
        driver.killAll(path, 10); // SIGUSR1: kill(2) through jnr-ffi
        assertTrue(a.waitFor(5, TimeUnit.SECONDS) && b.waitFor(5, TimeUnit.SECONDS));
        assertEquals(3, a.exitValue());
        assertEquals(4, b.exitValue());
        driver.remove(path);
    }

    @Test
    void theIsolatorExplainsAnOomKillAndCleansUp() throws Exception {
        CgroupIsolator isolator = new CgroupIsolator(() -> driver);
        String path = parent + "/oom";
        // dd fills a 64 MiB buffer: twice the limit; no swap allowed
        Process dd = start("sh", "-c", "read x; exec dd if=/dev/zero of=/dev/null bs=64M count=1");
        Resources resources = limits().memory(32 * MIB).swap(32 * MIB).build();
        StdErr.of(() -> isolator.beforeStart(new LaunchContext(Specs.spec("oom", resources, path), dd.pid(), stateDir)));
        go(dd);
        assertTrue(dd.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, dd.exitValue(), new String(dd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        ContainerState state = Specs.state("oom", Map.of(ContainerState.CGROUP_PATH, path));
        assertEquals(Optional.of("the container was killed for memory: the OOM killer ran because it reached its"
                + " memory limit (32 MiB)"), isolator.explainExit(state, ExitStatus.killed(9)));
        isolator.afterExit(state);
        isolator.afterExit(state);
    }

    @Test
    void theIsolatorExplainsRefusedForks() throws Exception {
        CgroupIsolator isolator = new CgroupIsolator(() -> driver);
        String path = parent + "/forks";
        Process sh = start("sh", "-c", "read x; for i in 1 2 3 4 5 6 7 8; do sleep 0.3 & done 2>/dev/null; wait");
        StdErr.of(() -> isolator.beforeStart(new LaunchContext(Specs.spec("forks", limits().pids(4).build(), path),
                sh.pid(), stateDir)));
        go(sh);
        assertTrue(sh.waitFor(10, TimeUnit.SECONDS));
        ContainerState state = Specs.state("forks", Map.of(ContainerState.CGROUP_PATH, path));
        Optional<String> why = isolator.explainExit(state, ExitStatus.exited(sh.exitValue()));
        assertTrue(why.isPresent() && why.get().matches("[1-9]\\d* forks? (was|were) refused: the container reached"
                + " its pids limit \\(4\\)"), why.toString());
        isolator.afterExit(state);
    }

    @Test
    void afterExitKillsWhatOutlivedTheInit() throws Exception {
        CgroupIsolator isolator = new CgroupIsolator(() -> driver);
        String path = parent + "/left";
        Process orphan = start("sleep", "30");
        StdErr.of(() -> isolator.beforeStart(new LaunchContext(Specs.spec("left", Resources.NONE, path), orphan.pid(),
                stateDir)));
        isolator.afterExit(Specs.state("left", Map.of(ContainerState.CGROUP_PATH, path)));
        assertTrue(orphan.waitFor(5, TimeUnit.SECONDS));
    }

    @Test
    void aLimitTheKernelRefusesNamesTheFlagAndFileAndLeavesNothing() throws Exception {
        CgroupIsolator isolator = new CgroupIsolator(() -> driver);
        String path = parent + "/bad";
        Process sleeper = start("sleep", "30");
        ContedorException e = assertThrows(ContedorException.class, () -> StdErr.of(() -> isolator.beforeStart(
                new LaunchContext(Specs.spec("bad", limits().cpus("4096").build(), path), sleeper.pid(), stateDir))));
        assertTrue(e.getMessage().matches("--cpuset-cpus: cgroup /sys/fs/cgroup/.*" + path
                + "/cpuset.cpus = 4096: (Invalid argument|Numerical result out of range)"), e.getMessage());
    }
}
