package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.fake.FakeHost;
import dev.contedor.cgroups.fake.FakeTrees;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupV1DriverTest {
    @TempDir
    Path dir;
    FakeHost host;
    CgroupDriver driver;

    @BeforeEach
    void v1Host() {
        host = FakeTrees.v1(dir);
        driver = FakeTrees.driver(host);
    }

    @Test
    void aFolderInEachHierarchyHoldingAKnownController() {
        assertInstanceOf(CgroupV1Driver.class, driver);
        List<Path> folders = driver.folders("contedor/abc").all().stream().map(CgroupDirectory::path).toList();
        List<Path> expected = new ArrayList<>();
        for (String h : List.of("cpu,cpuacct", "memory", "pids", "blkio", "cpuset", "devices", "freezer", "hugetlb")) {
            expected.add(host.at("/sys/fs/cgroup/" + h + "/contedor/abc"));
        }
        assertEquals(expected.stream().sorted().toList(), folders.stream().sorted().toList());
        // not the hierarchies of controllers contedor does not use, nor the named systemd one
        assertFalse(folders.contains(host.at("/sys/fs/cgroup/perf_event/contedor/abc")));
        assertFalse(folders.contains(host.at("/sys/fs/cgroup/systemd/contedor/abc")));
    }

    @Test
    void createCopiesCpusetValuesDownTheWholePath() {
        driver.create("contedor/abc");
        assertEquals("0-1", host.read("/sys/fs/cgroup/cpuset/contedor/cpuset.cpus"));
        assertEquals("0", host.read("/sys/fs/cgroup/cpuset/contedor/cpuset.mems"));
        assertEquals("0-1", host.read("/sys/fs/cgroup/cpuset/contedor/abc/cpuset.cpus"));
        assertEquals("0", host.read("/sys/fs/cgroup/cpuset/contedor/abc/cpuset.mems"));
        assertTrue(Files.isDirectory(host.at("/sys/fs/cgroup/cpu,cpuacct/contedor/abc")));
    }

    @Test
    void limitsGoToEachControllersHierarchy() {
        driver.create("contedor/abc");
        driver.apply("contedor/abc", limits().memory(64 << 20).swap(128 << 20).pids(50).shares(512).quota(50000)
                .period(100000).cpus("1").blkioWeight(300).writeIops(8, 0, 10).hugepages("2MB", 0).build());
        assertEquals("67108864", host.read("/sys/fs/cgroup/memory/contedor/abc/memory.limit_in_bytes"));
        assertEquals("134217728", host.read("/sys/fs/cgroup/memory/contedor/abc/memory.memsw.limit_in_bytes"));
        assertEquals("50", host.read("/sys/fs/cgroup/pids/contedor/abc/pids.max"));
        assertEquals("512", host.read("/sys/fs/cgroup/cpu,cpuacct/contedor/abc/cpu.shares"));
        assertEquals("50000", host.read("/sys/fs/cgroup/cpu,cpuacct/contedor/abc/cpu.cfs_quota_us"));
        assertEquals("1", host.read("/sys/fs/cgroup/cpuset/contedor/abc/cpuset.cpus"));
        assertEquals("300", host.read("/sys/fs/cgroup/blkio/contedor/abc/blkio.bfq.weight"));
        assertEquals("8:0 10", host.read("/sys/fs/cgroup/blkio/contedor/abc/blkio.throttle.write_iops_device"));
        assertEquals("0", host.read("/sys/fs/cgroup/hugetlb/contedor/abc/hugetlb.2MB.limit_in_bytes"));
        // devices always, last write is docker's last default rule
        assertEquals("c 10:200 rwm", host.read("/sys/fs/cgroup/devices/contedor/abc/devices.allow"));
        assertEquals("a", host.read("/sys/fs/cgroup/devices/contedor/abc/devices.deny"));
    }

    @Test
    void attachWritesEveryFolder() throws Exception {
        driver.create("contedor/abc");
        driver.attach("contedor/abc", 777);
        for (var folder : driver.folders("contedor/abc").all()) {
            assertEquals("777", Files.readString(folder.path().resolve("cgroup.procs")).strip(), folder.toString());
        }
    }

    @Test
    void freezeUsesTheFreezerHierarchy() {
        driver.create("contedor/abc");
        driver.freeze("contedor/abc");
        assertEquals("FROZEN", host.read("/sys/fs/cgroup/freezer/contedor/abc/freezer.state"));
        driver.thaw("contedor/abc");
        assertEquals("THAWED", host.read("/sys/fs/cgroup/freezer/contedor/abc/freezer.state"));
    }

    @Test
    void killAllOfAnEmptyContainerFreezesAndThawsWithoutSignalling() {
        driver.create("contedor/abc");
        driver.killAll("contedor/abc", 15);
        assertEquals("THAWED", host.read("/sys/fs/cgroup/freezer/contedor/abc/freezer.state"));
    }

    @Test
    void killAllLeavesAPausedContainerPausedForSignalsOtherThanKill() {
        driver.create("contedor/abc");
        driver.freeze("contedor/abc");
        driver.killAll("contedor/abc", 15);
        assertEquals("FROZEN", host.read("/sys/fs/cgroup/freezer/contedor/abc/freezer.state"));
        driver.killAll("contedor/abc", 9);
        assertEquals("THAWED", host.read("/sys/fs/cgroup/freezer/contedor/abc/freezer.state"));
    }

    @Test
    void removeTakesEveryFolderAndTheEmptyParents() {
        driver.create("contedor/abc");
        driver.remove("contedor/abc");
        for (String h : List.of("cpu,cpuacct", "memory", "pids", "blkio", "cpuset", "devices", "freezer", "hugetlb")) {
            assertFalse(Files.exists(host.at("/sys/fs/cgroup/" + h + "/contedor")), h);
            assertTrue(Files.isDirectory(host.at("/sys/fs/cgroup/" + h)), h);
        }
    }

    @Test
    void cpuStatsReadCpuacctThroughTheCpuDirectory() throws Exception {
        driver.create("contedor/abc");
        host.file("/sys/fs/cgroup/cpu,cpuacct/contedor/abc/cpuacct.usage", "123\n");
        ContainerStats stats = driver.stats("abc", "contedor/abc");
        assertEquals(123, stats.cpu().orElseThrow().usageNanos());
    }

    @Test
    void aLimitForAControllerTheHostLacksIsAClearError() {
        CgroupController rdma = new CgroupController() {
            @Override
            public String name() {
                return "rdma";
            }

            @Override
            public boolean appliesTo(Resources resources) {
                return true;
            }

            @Override
            public void apply(Resources resources, CgroupDirectory directory) {
            }
        };
        CgroupDriver withRdma = FakeTrees.driver(host, List.of(rdma));
        withRdma.create("contedor/abc");
        ContedorException e = assertThrows(ContedorException.class, () -> withRdma.apply("contedor/abc", Resources.NONE));
        assertTrue(e.getMessage().contains("cgroup controller rdma"), e.getMessage());
    }
}
