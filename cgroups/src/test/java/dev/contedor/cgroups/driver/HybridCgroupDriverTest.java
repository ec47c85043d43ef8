package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.cgroups.fake.FakeHost;
import dev.contedor.cgroups.fake.FakeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HybridCgroupDriverTest {
    @TempDir
    Path dir;

    @Test
    void thisMachineUsesV1FoldersOnlyAndSeparateCpuacct() {
        FakeHost host = FakeTrees.thisMachine(dir);
        HybridCgroupDriver driver = assertInstanceOf(HybridCgroupDriver.class, FakeTrees.driver(host));
        assertFalse(driver.usesUnified());
        List<Path> folders = driver.folders("contedor/abc").all().stream().map(CgroupDirectory::path).toList();
        assertEquals(9, folders.size(), folders.toString());
        assertTrue(folders.contains(host.at("/sys/fs/cgroup/cpuacct/contedor/abc")));
        assertFalse(folders.contains(host.at("/sys/fs/cgroup/unified/contedor/abc")));

        driver.create("contedor/abc");
        host.file("/sys/fs/cgroup/cpuacct/contedor/abc/cpuacct.usage", "5000\n")
                .file("/sys/fs/cgroup/cpu/contedor/abc/cpu.stat", "nr_periods 4\nnr_throttled 1\nthrottled_time 9\n");
        var cpu = driver.stats("abc", "contedor/abc").cpu().orElseThrow();
        assertEquals(5000, cpu.usageNanos());
        assertEquals(4, cpu.periods());
        assertEquals(9, cpu.throttledNanos());
        assertEquals("", host.read("/sys/fs/cgroup/unified/cgroup.subtree_control"));
        driver.remove("contedor/abc");
        assertFalse(Files.exists(host.at("/sys/fs/cgroup/cpuacct/contedor")));
    }

    @Test
    void hugetlbOnCgroup2GetsAUnifiedFolderWithOnlyHugetlbEnabled() throws Exception {
        FakeHost host = FakeTrees.hybridWithHugetlbOnV2(dir);
        HybridCgroupDriver driver = assertInstanceOf(HybridCgroupDriver.class, FakeTrees.driver(host));
        assertTrue(driver.usesUnified());
        ContainerFolders folders = driver.folders("contedor/abc");
        assertEquals(CgroupVersion.V2, folders.directory("hugetlb").orElseThrow().version());
        assertEquals(CgroupVersion.V1, folders.directory("freezer").orElseThrow().version());
        assertEquals(CgroupVersion.V1, folders.directory("devices").orElseThrow().version());
        assertEquals(CgroupVersion.V1, folders.directory("io").orElseThrow().version());

        driver.create("contedor/abc");
        assertEquals("+hugetlb", host.read("/sys/fs/cgroup/unified/cgroup.subtree_control"));
        assertEquals("+hugetlb", host.read("/sys/fs/cgroup/unified/contedor/cgroup.subtree_control"));
        assertEquals("", host.read("/sys/fs/cgroup/unified/contedor/abc/cgroup.subtree_control"));
        driver.apply("contedor/abc", limits().hugepages("2MB", 4 << 20).memory(1 << 20).build());
        assertEquals("4194304", host.read("/sys/fs/cgroup/unified/contedor/abc/hugetlb.2MB.max"));
        assertEquals("1048576", host.read("/sys/fs/cgroup/memory/contedor/abc/memory.limit_in_bytes"));
        driver.attach("contedor/abc", 31337);
        assertEquals("31337", host.read("/sys/fs/cgroup/unified/contedor/abc/cgroup.procs"));
        assertEquals("31337", host.read("/sys/fs/cgroup/memory/contedor/abc/cgroup.procs"));

        driver.freeze("contedor/abc");
        assertEquals("FROZEN", host.read("/sys/fs/cgroup/freezer/contedor/abc/freezer.state"));
        assertEquals("0", host.read("/sys/fs/cgroup/unified/contedor/abc/cgroup.freeze").strip(), "v1 freezer only");
        driver.thaw("contedor/abc");

        driver.killAll("contedor/abc", 9);
        assertEquals("1", host.read("/sys/fs/cgroup/unified/contedor/abc/cgroup.kill"));

        for (var folder : driver.folders("contedor/abc").all()) {
            Files.writeString(folder.path().resolve("cgroup.procs"), ""); // the fake kernel's processes are gone
        }
        driver.remove("contedor/abc");
        assertFalse(Files.exists(host.at("/sys/fs/cgroup/unified/contedor")));
        assertFalse(Files.exists(host.at("/sys/fs/cgroup/memory/contedor")));
    }
}
