package dev.contedor.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run --explain} prints the course's steps, in order, and runs nothing. */
class ExplainTest {
    @TempDir
    Path work;

    @Test
    void listsTheStepsInOrder() {
        Contedor contedor = new Contedor(work);
        Contedor.Result r = contedor.run("run", "--explain", "--hostname", "contedor-a-man", "--", "sh", "-c", "echo hi");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        int namespaces = indexOf(lines, "clone into new namespaces: ");
        int proc = indexOf(lines, "mount proc on /proc");
        int pivot = indexOf(lines, "pivot_root to ");
        int hostname = indexOf(lines, "set hostname to contedor-a-man");
        int caps = indexOf(lines, "limit the capability bounding set to ");
        int exec = indexOf(lines, "exec sh -c echo hi");
        assertTrue(namespaces < pivot && pivot < proc && proc < hostname && hostname < caps && caps < exec, r.out());
        String ns = lines.get(namespaces);
        for (String n : List.of("mnt", "uts", "ipc", "pid", "net")) {
            assertTrue(ns.contains(n), "namespace " + n + " in " + ns);
        }
        // the cgroup namespace is made once the init is in its cgroups, before anything else
        int cgroupns = indexOf(lines, "unshare a new cgroup namespace");
        assertTrue(cgroupns < pivot, r.out());
        assertTrue(r.out().contains("CAP_NET_RAW") && !r.out().contains("CAP_SYS_ADMIN"), r.out());
        assertTrue(r.out().contains("bring network interface lo up"), r.out());
    }

    @Test
    void theRuntimesOwnStepsAreShownWhereTheChildWaits() {
        Contedor.Result r = new Contedor(work).run("run", "--explain", "-m", "64m", "--", "true");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        int await = indexOf(lines, "wait for the runtime to finish parent-side setup");
        int limit = lines.stream().filter(l -> l.contains("runtime: write memory.limit_in_bytes = 67108864 in ")
                || l.contains("runtime: write memory.max = 67108864 in ")).findFirst().map(lines::indexOf).orElseThrow(
                () -> new AssertionError("no memory limit among the runtime's steps:\n" + r.out()));
        int attach = indexOf(lines, "runtime: write the init's pid to ");
        assertTrue(await < limit && limit < attach && attach < indexOf(lines, "pivot_root to "), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("runtime: mkdir -p /sys/fs/cgroup/")), r.out());
        // no step with an empty source, no mkdir of the root
        assertFalse(r.out().contains("mount  on"), r.out());
        assertFalse(lines.stream().anyMatch(l -> l.endsWith(". mkdir -p /")), r.out());
    }

    @Test
    void hostNamespacesAreShownAsShared() {
        Contedor.Result r = new Contedor(work).run("run", "--explain", "--pid", "host", "--network", "host", "--", "true");
        assertEquals(0, r.exitCode(), r.toString());
        String shared = r.out().lines().filter(l -> l.contains("shared with the host:")).findFirst().orElseThrow();
        assertTrue(shared.contains("pid") && shared.contains("net"), shared);
        assertFalse(r.out().contains("bring network interface lo up"), r.out());
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no step with '" + fragment + "' in:\n" + String.join("\n", lines));
    }
}
