package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.Pressure;
import dev.contedor.api.error.ContedorException;
import dev.contedor.host.HostWarnings;
import dev.contedor.cgroups.fake.FakeHost;
import dev.contedor.cgroups.fake.FakeTrees;
import dev.contedor.cgroups.fake.StdErr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupV2DriverTest {
    @TempDir
    Path dir;
    FakeHost host;
    CgroupDriver driver;

    @BeforeEach
    void v2Host() {
        HostWarnings.clear();
        host = FakeTrees.v2(dir);
        driver = FakeTrees.driver(host);
    }

    @Test
    void oneFolderInTheUnifiedHierarchy() {
        assertInstanceOf(CgroupV2Driver.class, driver);
        ContainerFolders folders = driver.folders("contedor/abc");
        assertEquals(List.of(host.at("/sys/fs/cgroup/contedor/abc")), folders.all().stream().map(f -> f.path()).toList());
        assertEquals(CgroupVersion.V2, folders.directory("io").orElseThrow().version());
        assertEquals(host.at("/sys/fs/cgroup/contedor/abc"), folders.directory("freezer").orElseThrow().path());
        assertEquals(host.at("/sys/fs/cgroup/contedor/abc"), folders.directory("devices").orElseThrow().path());
    }

    @Test
    void controllersAreEnabledInEveryAncestorButNotInTheLeaf() {
        driver.create("contedor/abc");
        String enabled = "+cpu +cpuset +hugetlb +io +memory +pids";
        assertEquals(enabled, host.read("/sys/fs/cgroup/cgroup.subtree_control"));
        assertEquals(enabled, host.read("/sys/fs/cgroup/contedor/cgroup.subtree_control"));
        assertEquals("", host.read("/sys/fs/cgroup/contedor/abc/cgroup.subtree_control"));
        assertTrue(Files.isDirectory(host.at("/sys/fs/cgroup/contedor/abc")));
    }

    @Test
    void deeperPathsEnableAlongTheWholePath() {
        driver.create("a/b/c");
        for (String ancestor : List.of("/sys/fs/cgroup", "/sys/fs/cgroup/a", "/sys/fs/cgroup/a/b")) {
            assertEquals("+cpu +cpuset +hugetlb +io +memory +pids", host.read(ancestor + "/cgroup.subtree_control"));
        }
        assertEquals("", host.read("/sys/fs/cgroup/a/b/c/cgroup.subtree_control"));
    }

    @Test
    void onlyMissingControllersAreWritten() {
        host.file("/sys/fs/cgroup/cgroup.subtree_control", "cpu io memory pids\n");
        driver.create("contedor/abc");
        assertEquals("+cpuset +hugetlb", host.read("/sys/fs/cgroup/cgroup.subtree_control"));
    }

    @Test
    void unknownControllersAreNotEnabled() {
        CgroupV2Driver v2 = (CgroupV2Driver) driver;
        assertEquals(Set.of("cpu", "cpuset", "hugetlb", "io", "memory", "pids"), v2.controllersToEnable());
    }

    @Test
    void limitsGoToTheV2FilesAndTheDeviceProgramToTheFolder() {
        driver.create("contedor/abc");
        String err = StdErr.of(() -> driver.apply("contedor/abc", limits().memory(64 << 20).pids(50).shares(512)
                .quota(50000).period(100000).cpus("0").blkioWeight(500).readBps(8, 0, 1000).hugepages("2MB", 2 << 20).build()));
        assertEquals("67108864", host.read("/sys/fs/cgroup/contedor/abc/memory.max"));
        assertEquals("50", host.read("/sys/fs/cgroup/contedor/abc/pids.max"));
        assertEquals("20", host.read("/sys/fs/cgroup/contedor/abc/cpu.weight"));
        assertEquals("50000 100000", host.read("/sys/fs/cgroup/contedor/abc/cpu.max"));
        assertEquals("0", host.read("/sys/fs/cgroup/contedor/abc/cpuset.cpus"));
        assertEquals("default 4950", host.read("/sys/fs/cgroup/contedor/abc/io.weight"));
        assertEquals("8:0 rbps=1000", host.read("/sys/fs/cgroup/contedor/abc/io.max"));
        assertEquals("2097152", host.read("/sys/fs/cgroup/contedor/abc/hugetlb.2MB.max"));
        assertEquals("", err);
        assertEquals(List.of(host.at("/sys/fs/cgroup/contedor/abc")), host.deviceProgramsAttached());
    }

    @Test
    void attachWritesThePidIntoTheLeaf() {
        driver.create("contedor/abc");
        driver.attach("contedor/abc", 4242);
        assertEquals("4242", host.read("/sys/fs/cgroup/contedor/abc/cgroup.procs"));
        assertEquals(Set.of(4242L), driver.processes("contedor/abc"));
    }

    @Test
    void statsFromTheV2FilesWithPressure() {
        driver.create("contedor/abc");
        host.file("/sys/fs/cgroup/contedor/abc/memory.current", "1000\n")
                .file("/sys/fs/cgroup/contedor/abc/memory.max", "4096\n")
                .file("/sys/fs/cgroup/contedor/abc/pids.current", "3\n")
                .file("/sys/fs/cgroup/contedor/abc/cpu.stat", "usage_usec 5\nuser_usec 3\nsystem_usec 2\n")
                .file("/sys/fs/cgroup/contedor/abc/memory.pressure", "some avg10=1.50 avg60=0.00 avg300=0.00 total=77\n");
        ContainerStats stats = driver.stats("abc", "contedor/abc");
        assertEquals(1000, stats.memory().orElseThrow().usageBytes());
        assertEquals(OptionalLong.of(4096), stats.memory().orElseThrow().limitBytes());
        assertEquals(3, stats.pids().orElseThrow().current());
        assertEquals(5000, stats.cpu().orElseThrow().usageNanos());
        assertEquals(new Pressure(1.5, 0, 0, 77), stats.pressure().get("memory"));
        assertEquals(Set.of("cpu", "memory", "io"), stats.pressure().keySet());
    }

    @Test
    void statsOfAGoneContainerAreEmpty() {
        ContainerStats stats = driver.stats("abc", "contedor/abc");
        assertTrue(stats.cpu().isEmpty() && stats.memory().isEmpty() && stats.pids().isEmpty());
    }

    @Test
    void freezeWritesCgroupFreezeAndWaitsForTheEvent() {
        driver.create("contedor/abc");
        host.file("/sys/fs/cgroup/contedor/abc/cgroup.events", "populated 1\nfrozen 1\n");
        driver.freeze("contedor/abc");
        assertEquals("1", host.read("/sys/fs/cgroup/contedor/abc/cgroup.freeze"));
        driver.thaw("contedor/abc");
        assertEquals("0", host.read("/sys/fs/cgroup/contedor/abc/cgroup.freeze"));
    }

    @Test
    void freezingAContainerWithoutFoldersSaysItIsNotRunning() {
        ContedorException e = assertThrows(ContedorException.class, () -> driver.freeze("contedor/abc"));
        assertTrue(e.getMessage().contains("has no cgroup"), e.getMessage());
    }

    @Test
    void killAllWithSigkillUsesCgroupKill() {
        driver.create("contedor/abc");
        driver.killAll("contedor/abc", 9);
        assertEquals("1", host.read("/sys/fs/cgroup/contedor/abc/cgroup.kill"));
    }

    @Test
    void removeTakesTheFolderItsSubCgroupsAndTheEmptyParent() {
        driver.create("contedor/abc");
        driver.create("contedor/abc/inner");
        driver.remove("contedor/abc");
        assertFalse(Files.exists(host.at("/sys/fs/cgroup/contedor")));
        assertTrue(Files.exists(host.at("/sys/fs/cgroup/cgroup.procs")));
        driver.remove("contedor/abc"); // idempotent
    }

    @Test
    void removeLeavesAParentOtherContainersStillUse() {
        driver.create("contedor/abc");
        driver.create("contedor/def");
        driver.remove("contedor/abc");
        assertFalse(Files.exists(host.at("/sys/fs/cgroup/contedor/abc")));
        assertTrue(Files.isDirectory(host.at("/sys/fs/cgroup/contedor/def")));
    }

    @Test
    void removeNeverTakesTheParentOfATopLevelFolder() {
        driver.create("solo");
        driver.remove("solo");
        assertTrue(Files.isDirectory(host.at("/sys/fs/cgroup")));
        assertFalse(Files.exists(host.at("/sys/fs/cgroup/solo")));
    }
}
