package dev.contedor.cgroups.driver;

import dev.contedor.host.HostWarnings;
import dev.contedor.api.launch.Leftover;
import dev.contedor.cgroups.fake.FakeHost;
import dev.contedor.cgroups.fake.FakeTrees;
import dev.contedor.cgroups.fs.RemovalPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --explain} shows what the host's driver would write, and the launcher's cleanup
 * steps carry the driver's own policy.
 */
class SetupAndLeftoversTest {
    private static final long M64 = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    @BeforeEach
    void quiet() {
        HostWarnings.clear();
    }

    @Test
    void onV2TheMemoryLimitIsMemoryMaxAndNothingIsMade() {
        FakeHost host = FakeTrees.v2(dir);
        List<String> lines = FakeTrees.driver(host).describeSetup("contedor/abc", limits().memory(M64).build());
        Path folder = host.at("/sys/fs/cgroup/contedor/abc");
        assertTrue(lines.contains("mkdir -p " + folder), lines::toString);
        assertTrue(lines.contains("write memory.max = 67108864 in " + folder), lines::toString);
        assertTrue(lines.contains("attach an eBPF device program (BPF_CGROUP_DEVICE: docker's device list) to " + folder),
                lines::toString);
        assertEquals("write the init's pid to " + folder.resolve("cgroup.procs"), lines.getLast());
        assertFalse(Files.exists(folder), "describing made the folder");
    }

    @Test
    void onV1TheMemoryLimitIsLimitInBytes() {
        FakeHost host = FakeTrees.v1(dir);
        List<String> lines = FakeTrees.driver(host).describeSetup("contedor/abc", limits().memory(M64).build());
        assertTrue(lines.contains("write memory.limit_in_bytes = 67108864 in " + host.at("/sys/fs/cgroup/memory/contedor/abc")),
                lines::toString);
        assertFalse(Files.exists(host.at("/sys/fs/cgroup/memory/contedor")), "describing made a folder");
    }

    @Test
    void theLeftoversThawKillAndRemoveUnderTheRemovalPolicy() {
        FakeHost host = FakeTrees.thisMachine(dir);
        CgroupDriver driver = FakeTrees.driver(host);
        driver.create("contedor/abc");
        List<Leftover> steps = driver.leftovers("contedor/abc");
        assertEquals(new Leftover.WriteFile(host.at("/sys/fs/cgroup/freezer/contedor/abc/freezer.state"), "THAWED"),
                steps.getFirst());
        Path memory = host.at("/sys/fs/cgroup/memory/contedor/abc");
        RemovalPolicy policy = RemovalPolicy.DEFAULT;
        assertTrue(steps.contains(new Leftover.RemoveFolder(memory, policy.attempts(), policy.retryInterval(),
                Optional.of(memory.resolve("cgroup.procs")))), steps::toString);
        assertTrue(steps.contains(new Leftover.RemoveFolderIfEmpty(memory.getParent())), steps::toString);
        int lastRemoval = steps.stream().filter(Leftover.RemoveFolder.class::isInstance).mapToInt(steps::indexOf).max()
                .orElseThrow();
        int firstParent = steps.stream().filter(Leftover.RemoveFolderIfEmpty.class::isInstance).mapToInt(steps::indexOf)
                .min().orElseThrow();
        assertTrue(lastRemoval < firstParent, "parents go after every container folder: " + steps);
        assertEquals(501, policy.attempts(), "5 s at 10 ms");
    }
}
