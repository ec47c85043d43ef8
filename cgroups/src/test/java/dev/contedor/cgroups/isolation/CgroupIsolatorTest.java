package dev.contedor.cgroups.isolation;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.LaunchContext;
import dev.contedor.api.launch.ExitStatus;
import dev.contedor.api.state.ContainerState;
import dev.contedor.host.HostWarnings;
import dev.contedor.cgroups.driver.CgroupDriver;
import dev.contedor.cgroups.fake.FakeHost;
import dev.contedor.cgroups.fake.FakeTrees;
import dev.contedor.cgroups.fake.Specs;
import dev.contedor.cgroups.fake.StdErr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupIsolatorTest {
    @TempDir
    Path dir;
    FakeHost host;
    CgroupIsolator isolator;

    @BeforeEach
    void v2Host() {
        HostWarnings.clear();
        host = FakeTrees.v2(dir);
        CgroupDriver driver = FakeTrees.driver(host);
        isolator = new CgroupIsolator(() -> driver);
    }

    @Test
    void namedCgroupsAndAppliesToEveryContainer() {
        assertEquals("cgroups", isolator.name());
        assertTrue(isolator.appliesTo(Specs.spec("abc", Resources.NONE, "contedor/abc")));
    }

    @Test
    void beforeStartMakesLimitsAndAttaches() {
        StdErr.of(() -> isolator.beforeStart(new LaunchContext(
                Specs.spec("abc", limits().memory(64 << 20).pids(10).build(), "contedor/abc"), 4321, dir)));
        assertEquals("67108864", host.read("/sys/fs/cgroup/contedor/abc/memory.max"));
        assertEquals("10", host.read("/sys/fs/cgroup/contedor/abc/pids.max"));
        assertEquals("4321", host.read("/sys/fs/cgroup/contedor/abc/cgroup.procs"));
    }

    @Test
    void aRefusedLimitRemovesWhatWasMadeAndNamesTheFlag() {
        ContedorException e = assertThrows(ContedorException.class, () -> isolator.beforeStart(new LaunchContext(
                Specs.spec("abc", limits().hugepages("16GB", 1).build(), "contedor/abc"), 4321, dir)));
        assertTrue(e.getMessage().startsWith("hugepage limit 16GB"), e.getMessage());
        assertFalse(Files.exists(host.at("/sys/fs/cgroup/contedor")));
    }

    @Test
    void explainsAnOomKill() {
        StdErr.of(() -> isolator.beforeStart(new LaunchContext(
                Specs.spec("abc", limits().memory(64 << 20).build(), "contedor/abc"), 4321, dir)));
        host.file("/sys/fs/cgroup/contedor/abc/memory.events", "low 0\nhigh 0\nmax 9\noom 1\noom_kill 1\n");
        ContainerState state = Specs.state("abc", Map.of(ContainerState.CGROUP_PATH, "contedor/abc"));
        assertEquals(Optional.of("the container was killed for memory: the OOM killer ran because it reached its"
                + " memory limit (64 MiB)"), isolator.explainExit(state, ExitStatus.killed(9)));
    }

    @Test
    void explainsRefusedForks() {
        StdErr.of(() -> isolator.beforeStart(new LaunchContext(
                Specs.spec("abc", limits().pids(50).build(), "contedor/abc"), 4321, dir)));
        host.file("/sys/fs/cgroup/contedor/abc/pids.events", "max 151\n");
        ContainerState state = Specs.state("abc", Map.of(ContainerState.CGROUP_PATH, "contedor/abc"));
        assertEquals(Optional.of("151 forks were refused: the container reached its pids limit (50)"),
                isolator.explainExit(state, ExitStatus.exited(0)));
    }

    @Test
    void nothingToExplainWithoutCgroupsOrEvents() {
        ContainerState state = Specs.state("abc", Map.of());
        assertEquals(Optional.empty(), isolator.explainExit(state, ExitStatus.exited(0)));
        StdErr.of(() -> isolator.beforeStart(new LaunchContext(Specs.spec("abc", Resources.NONE, "contedor/abc"), 1, dir)));
        assertEquals(Optional.empty(), isolator.explainExit(state, ExitStatus.exited(0)));
    }

    @Test
    void afterExitRemovesAndIsIdempotentAndFallsBackToTheDefaultPath() throws Exception {
        StdErr.of(() -> isolator.beforeStart(new LaunchContext(Specs.spec("abc", Resources.NONE, "contedor/abc"), 1, dir)));
        Files.writeString(host.at("/sys/fs/cgroup/contedor/abc/cgroup.procs"), ""); // the init ended
        ContainerState noAnnotation = Specs.state("abc", Map.of());
        isolator.afterExit(noAnnotation);
        assertFalse(Files.exists(host.at("/sys/fs/cgroup/contedor")));
        isolator.afterExit(noAnnotation);
    }

    @Test
    void afterExitUsesTheRecordedPath() throws Exception {
        StdErr.of(() -> isolator.beforeStart(new LaunchContext(Specs.spec("abc", Resources.NONE, "mine/abc"), 1, dir)));
        Files.writeString(host.at("/sys/fs/cgroup/mine/abc/cgroup.procs"), "");
        isolator.afterExit(Specs.state("abc", Map.of(ContainerState.CGROUP_PATH, "mine/abc")));
        assertFalse(Files.exists(host.at("/sys/fs/cgroup/mine")));
    }
}
