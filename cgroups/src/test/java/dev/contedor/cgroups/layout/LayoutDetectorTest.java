package dev.contedor.cgroups.layout;

import dev.contedor.host.MountInfo;

import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.fake.FakeHost;
import dev.contedor.cgroups.fake.FakeTrees;
import dev.contedor.cgroups.fake.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutDetectorTest {
    @TempDir
    Path dir;

    @Test
    void thisMachineIsHybridWithEveryControllerOnV1AndAnEmptyUnifiedHierarchy() {
        CgroupLayout layout = FakeTrees.layout(FakeTrees.thisMachine(dir));
        assertEquals(LayoutKind.HYBRID, layout.kind());
        for (String c : List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids", "hugetlb")) {
            Hierarchy h = layout.v1Hierarchy(c).orElseThrow(() -> new AssertionError(c));
            assertEquals(dir.resolve("sys/fs/cgroup/" + c), h.mountPoint());
            assertEquals(Set.of(c), h.controllers());
            assertEquals(CgroupVersion.V1, h.version());
        }
        Hierarchy systemd = layout.v1().stream().filter(h -> h.name().isPresent()).findFirst().orElseThrow();
        assertEquals(Optional.of("systemd"), systemd.name());
        assertEquals(Set.of(), systemd.controllers());
        Hierarchy unified = layout.unified().orElseThrow();
        assertEquals(dir.resolve("sys/fs/cgroup/unified"), unified.mountPoint());
        assertEquals(Set.of(), unified.controllers());
        assertEquals(Optional.of(layout.v1Hierarchy("blkio").orElseThrow()), layout.owner("blkio", "io"));
        assertEquals(Optional.empty(), layout.owner("rdma", "rdma"));
    }

    @Test
    void hybridWithHugetlbOnlyOnCgroup2() {
        CgroupLayout layout = FakeTrees.layout(FakeTrees.hybridWithHugetlbOnV2(dir));
        assertEquals(LayoutKind.HYBRID, layout.kind());
        assertTrue(layout.v1Hierarchy("hugetlb").isEmpty());
        assertTrue(layout.onUnified("hugetlb", "hugetlb"));
        assertFalse(layout.onUnified("memory", "memory"));
        assertEquals(CgroupVersion.V2, layout.owner("hugetlb", "hugetlb").orElseThrow().version());
    }

    @Test
    void systemdHybridHost() {
        FakeHost host = new FakeHost(dir).proc(Samples.HYBRID_MOUNTINFO, Samples.HYBRID_CGROUP)
                .file("/sys/fs/cgroup/unified/cgroup.controllers", "\n");
        CgroupLayout layout = FakeTrees.layout(host);
        assertEquals(LayoutKind.HYBRID, layout.kind());
        Hierarchy cpu = layout.v1Hierarchy("cpu").orElseThrow();
        assertEquals(cpu, layout.v1Hierarchy("cpuacct").orElseThrow());
        assertEquals(dir.resolve("sys/fs/cgroup/cpu,cpuacct"), cpu.mountPoint());
        assertEquals(Set.of("cpu", "cpuacct"), cpu.controllers());
    }

    @Test
    void v1Host() {
        CgroupLayout layout = FakeTrees.layout(FakeTrees.v1(dir));
        assertEquals(LayoutKind.V1, layout.kind());
        assertTrue(layout.unified().isEmpty());
        assertEquals(Set.of("net_cls", "net_prio"), layout.v1Hierarchy("net_prio").orElseThrow().controllers());
        // the mount options xattr and release_agent=... are not taken for controllers
        Hierarchy systemd = layout.v1().stream().filter(h -> h.name().equals(Optional.of("systemd"))).findFirst().orElseThrow();
        assertEquals(Set.of(), systemd.controllers());
        assertEquals(11, layout.v1().size());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), layout.v1().stream().map(Hierarchy::id).toList());
    }

    @Test
    void v2Host() {
        CgroupLayout layout = FakeTrees.layout(FakeTrees.v2(dir));
        assertEquals(LayoutKind.V2, layout.kind());
        assertTrue(layout.v1().isEmpty());
        Hierarchy unified = layout.unified().orElseThrow();
        assertEquals(dir.resolve("sys/fs/cgroup"), unified.mountPoint());
        assertEquals(Set.of("cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc"), unified.controllers());
        assertTrue(layout.onUnified("blkio", "io"));
        assertEquals(unified, layout.owner("blkio", "io").orElseThrow());
    }

    @Test
    void aNamedV1HierarchyBesideCgroup2IsStillAV2Host() {
        List<String> mounts = new java.util.ArrayList<>(Samples.V2_MOUNTINFO);
        mounts.add("40 26 0:40 / /run/systemd-v1 rw,relatime - cgroup cgroup rw,name=systemd");
        FakeHost host = new FakeHost(dir).proc(mounts, List.of("1:name=systemd:/", "0::/"))
                .file("/sys/fs/cgroup/cgroup.controllers", Samples.V2_CONTROLLERS);
        assertEquals(LayoutKind.V2, FakeTrees.layout(host).kind());
    }

    @Test
    void aMountHiddenByALaterMountOnTheSamePointIsNotUsed() {
        List<String> mounts = new java.util.ArrayList<>(Samples.V1_MOUNTINFO);
        mounts.add("50 25 0:50 / /sys/fs/cgroup/memory rw,relatime - tmpfs tmpfs rw");
        FakeHost host = new FakeHost(dir).proc(mounts, Samples.V1_CGROUP);
        CgroupLayout layout = FakeTrees.layout(host);
        assertTrue(layout.v1Hierarchy("memory").isEmpty());
        assertTrue(layout.v1Hierarchy("pids").isPresent());
    }

    @Test
    void aV1MountTheProcessHasNoHierarchyForIsIgnored() {
        FakeHost host = new FakeHost(dir).proc(Samples.V1_MOUNTINFO,
                Samples.V1_CGROUP.stream().filter(l -> !l.contains("pids")).toList());
        assertTrue(FakeTrees.layout(host).v1Hierarchy("pids").isEmpty());
    }

    @Test
    void theSameHierarchyMountedTwiceKeepsTheMountOfItsRoot() {
        List<String> mounts = List.of(
                "60 25 0:26 /some/sub /mnt/memsub rw,relatime - cgroup cgroup rw,memory",
                "30 25 0:26 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory");
        FakeHost host = new FakeHost(dir).proc(mounts, List.of("3:memory:/"));
        CgroupLayout layout = FakeTrees.layout(host);
        assertEquals(1, layout.v1().size());
        assertEquals(dir.resolve("sys/fs/cgroup/memory"), layout.v1().getFirst().mountPoint());
    }

    @Test
    void noCgroupMountIsAClearError() {
        FakeHost host = new FakeHost(dir).proc(List.of(Samples.V1_MOUNTINFO.getFirst()), List.of("0::/"));
        ContedorException e = assertThrows(ContedorException.class, () -> FakeTrees.layout(host));
        assertTrue(e.getMessage().contains("no cgroup file system is mounted"), e.getMessage());
    }

    @Test
    void anUnreadableCgroupControllersIsAnErrorNotAGuess() {
        FakeHost host = new FakeHost(dir).proc(Samples.V2_MOUNTINFO, Samples.V2_CGROUP);
        ContedorException e = assertThrows(ContedorException.class, () -> FakeTrees.layout(host));
        assertTrue(e.getMessage().contains("cgroup.controllers"), e.getMessage());
    }

    @Test
    void mountPointsWithEscapedCharacters() {
        MountInfo.Mount m = MountInfo.parseLine(
                "70 25 0:70 / /mnt/my\\040cgroups\\134x rw,relatime shared:1 master:2 - cgroup2 none rw");
        assertEquals("/mnt/my cgroups\\x", m.mountPoint());
        assertEquals("cgroup2", m.fsType());
        assertEquals(Set.of("rw"), m.superOptions());
    }

    @Test
    void processCgroupLines() {
        List<ProcessCgroups.Entry> entries = ProcessCgroups.parse(List.of("2:cpu,cpuacct:/a:b", "1:name=systemd:/", "0::/"));
        assertEquals(Set.of("cpu", "cpuacct"), entries.get(0).realControllers());
        assertEquals("/a:b", entries.get(0).path());
        assertEquals(Optional.of("systemd"), entries.get(1).name());
        assertEquals(Set.of(), entries.get(1).realControllers());
        assertEquals(0, entries.get(2).id());
        assertEquals(Set.of(), entries.get(2).controllers());
    }
}
