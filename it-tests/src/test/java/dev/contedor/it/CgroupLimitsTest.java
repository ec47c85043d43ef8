package dev.contedor.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker's resource flags enforced by the kernel, on whatever cgroup layout this host has,
 * measured the way an operator would: from the container's cgroup files.
 */
class CgroupLimitsTest extends EndToEndTest {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");
    /** Each test's containers go in a parent of its own, so their folders can be found and checked gone. */
    String parent;

    @BeforeEach
    void uniqueParent() {
        parent = "contedor-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Folders of this test's parent left in any hierarchy. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> walk = Files.walk(CGROUP, 2)) {
            return walk.filter(p -> p.getFileName().toString().equals(parent)).toList();
        }
    }

    /** CPU time used so far by the single container under this test's parent, in ns, from the kernel's files. */
    private long cpuUsageNanos(String parentName) throws IOException {
        Path v1 = CGROUP.resolve("cpuacct").resolve(parentName);
        if (Files.isDirectory(v1)) {
            return Long.parseLong(Files.readString(only(v1).resolve("cpuacct.usage")).strip());
        }
        Path v2 = only(CGROUP.resolve(parentName)).resolve("cpu.stat");
        String usec = Files.readAllLines(v2).stream().filter(l -> l.startsWith("usage_usec ")).findFirst().orElseThrow();
        return Long.parseLong(usec.substring("usage_usec ".length())) * 1000;
    }

    private static Path only(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> children = s.filter(Files::isDirectory).toList();
            assertEquals(1, children.size(), "one container folder in " + dir + ": " + children);
            return children.getFirst();
        }
    }

    @Test
    void pidsLimitCapsForksAndContedorSaysSo() throws Exception {
        // a child shell forks until the kernel refuses (ash gives up at the first refusal); its sleeps stay
        Process p = contedor.start("run", "--rm", "-i", "--cgroup-parent", parent, "--pids-limit", "50", "--", "sh", "-c",
                "sh -c 'i=0; while [ $i -lt 200 ]; do sleep 5 & i=$((i+1)); done' 2>/dev/null; echo ready; read line; true");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        long tasks = Long.parseLong(Files.readString(containerFolder("pids", parent).resolve("pids.current")).strip());
        p.getOutputStream().close();
        Contedor.Result r = Contedor.finish(p, 30);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(tasks <= 50 && tasks >= 40, "at most 50 tasks, and the limit was reached: " + tasks);
        assertTrue(r.err().contains("refused") && r.err().contains("pids limit (50)"), r.toString());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void memoryLimitOomKillsAndContedorExits137SayingWhy() throws IOException {
        // dd allocates its 256 MiB block and fills it: more than the 64 MiB allowed
        Contedor.Result r = contedor.run("run", "--rm", "--cgroup-parent", parent, "-m", "64m", "--",
                "dd", "if=/dev/zero", "of=/dev/null", "bs=256M", "count=1");
        assertEquals(137, r.exitCode(), r.toString());
        assertTrue(r.err().contains("killed for memory"), r.toString());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void cpusHalfGivesAboutHalfACpu() throws Exception {
        Process p = contedor.start("run", "--rm", "-i", "--cgroup-parent", parent, "--cpus", "0.5", "--", "sh", "-c",
                "echo ready; timeout 3 sh -c 'while :; do :; done'; echo done; read line; true");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        long before = cpuUsageNanos(parent);
        long t0 = System.nanoTime();
        assertEquals("done", out.readLine());
        long wall = System.nanoTime() - t0;
        long used = cpuUsageNanos(parent) - before;
        p.getOutputStream().close();
        assertEquals(0, Contedor.finish(p, 30).exitCode());
        double share = (double) used / wall;
        assertTrue(Math.abs(share - 0.5) <= 0.5 * 0.15, "CPU share " + share + " (used " + used / 1e6 + " ms in " + wall / 1e6 + " ms)");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void cpuSharesSplitOnePinnedCpuInTheRatioAsked() throws Exception {
        // siblings under one parent: shares (v1) and weights (v2) only divide time between siblings
        String loop = "echo ready; timeout 4 sh -c 'while :; do :; done'; echo done; read line; true";
        Process a = contedor.start("run", "--rm", "-i", "--cgroup-parent", parent, "--cpuset-cpus", "0", "--cpu-shares", "512", "--", "sh", "-c", loop);
        Process b = contedor.start("run", "--rm", "-i", "--cgroup-parent", parent, "--cpuset-cpus", "0", "--cpu-shares", "1024", "--", "sh", "-c", loop);
        BufferedReader outA = new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8));
        BufferedReader outB = new BufferedReader(new InputStreamReader(b.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", outA.readLine());
        assertEquals("ready", outB.readLine());
        Thread.sleep(500); // both loops running
        Map<String, Long> before = usageByWeight(parent);
        Thread.sleep(2500);
        Map<String, Long> after = usageByWeight(parent);
        assertEquals("done", outA.readLine());
        assertEquals("done", outB.readLine());
        a.getOutputStream().close();
        b.getOutputStream().close();
        assertEquals(0, Contedor.finish(a, 30).exitCode());
        assertEquals(0, Contedor.finish(b, 30).exitCode());
        assertEquals(2, before.size(), "two containers under " + parent + ": " + before);
        List<String> weights = before.keySet().stream().sorted(java.util.Comparator.comparingLong(Long::parseLong)).toList();
        long low = after.get(weights.get(0)) - before.get(weights.get(0));
        long high = after.get(weights.get(1)) - before.get(weights.get(1));
        double ratio = (double) high / low;
        assertTrue(Math.abs(ratio - 2.0) <= 2.0 * 0.15, "1024 vs 512 shares (" + weights + ") gave a ratio of " + ratio);
        assertEquals(List.of(), leftovers());
    }

    /** CPU time of each container under a parent, keyed by the weight the kernel holds for it (cpu.shares or cpu.weight). */
    private static Map<String, Long> usageByWeight(String parentName) throws IOException {
        Map<String, Long> usage = new TreeMap<>();
        Path v1 = CGROUP.resolve("cpu").resolve(parentName);
        Path dir = Files.isDirectory(v1) ? v1 : CGROUP.resolve(parentName);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path child : s.filter(Files::isDirectory).toList()) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(v1)) {
                    String shares = Files.readString(child.resolve("cpu.shares")).strip();
                    usage.put(shares, Long.parseLong(Files.readString(CGROUP.resolve("cpuacct").resolve(parentName)
                            .resolve(name).resolve("cpuacct.usage")).strip()));
                } else {
                    String weight = Files.readString(child.resolve("cpu.weight")).strip();
                    String usec = Files.readAllLines(child.resolve("cpu.stat")).stream()
                            .filter(l -> l.startsWith("usage_usec ")).findFirst().orElseThrow();
                    usage.put(weight, Long.parseLong(usec.substring("usage_usec ".length())) * 1000);
                }
            }
        }
        return usage;
    }

    /** The single container folder under a parent in the hierarchy of a controller (v1) or the unified one (v2). */
    private static Path containerFolder(String controller, String parentName) throws IOException {
        Path v1 = CGROUP.resolve(controller).resolve(parentName);
        return only(Files.isDirectory(v1) ? v1 : CGROUP.resolve(parentName));
    }
}
