package dev.contedor.api.launch;

import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.NamespaceType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The child-side primitives check their arguments when made, and say what they do. */
class LaunchOpCatalogueTest {
    private static final LaunchOp EXEC = new LaunchOp.Exec(List.of("sh"), List.of());

    private static String refused(Runnable make) {
        return assertThrows(InvalidLaunchOpException.class, make::run).getMessage();
    }

    @Test
    void onlyNamespacedSysctlsAreAccepted() {
        assertEquals("/proc/sys/net/ipv4/ip_forward", new LaunchOp.SetSysctl("net.ipv4.ip_forward", "1").procPath());
        assertEquals(NamespaceType.IPC, new LaunchOp.SetSysctl("kernel.shmmax", "1024").namespace());
        assertEquals(NamespaceType.IPC, new LaunchOp.SetSysctl("fs.mqueue.msg_max", "20").namespace());
        assertEquals(NamespaceType.IPC, new LaunchOp.SetSysctl("kernel.sem", "250 32000 32 128").namespace());
        String message = refused(() -> new LaunchOp.SetSysctl("vm.swappiness", "10"));
        assertTrue(message.startsWith("sysctl vm.swappiness: not namespaced"), message);
        assertTrue(message.contains("net.*"), message);
        refused(() -> new LaunchOp.SetSysctl("kernel.hostname", "x"));
        refused(() -> new LaunchOp.SetSysctl("net/ipv4/ip_forward", "1"));
        refused(() -> new LaunchOp.SetSysctl("net.ipv4.ip_forward", "1\n2"));
        assertEquals("sysctl net.ipv4.ip_forward = 1", new LaunchOp.SetSysctl("net.ipv4.ip_forward", "1").describe());
    }

    @Test
    void aSysctlNeedsTheContainersOwnNamespace() {
        LaunchPlan.Builder plan = LaunchPlan.builder(Path.of("/run/x/y"));
        plan.add(Phase.CONTAINER, new LaunchOp.SetSysctl("net.ipv4.ip_forward", "1")).add(Phase.EXEC, EXEC);
        String message = assertThrows(InvalidLaunchOpException.class, plan::build).getMessage();
        assertTrue(message.contains("net namespace") && message.contains("--network host"), message);
        plan.newNamespace(NamespaceType.NETWORK);
        assertEquals(2, plan.build().ops().size());
    }

    @Test
    void rlimitsNeedASoftLimitAtMostTheHardOne() {
        assertEquals("setrlimit RLIMIT_NOFILE soft 1024 hard 4096",
                new LaunchOp.SetRlimit(Rlimit.NOFILE, 1024, 4096).describe());
        new LaunchOp.SetRlimit(Rlimit.CORE, 0, LaunchOp.SetRlimit.UNLIMITED);
        String message = refused(() -> new LaunchOp.SetRlimit(Rlimit.NOFILE, 4096, 1024));
        assertTrue(message.contains("soft limit 4096 above hard limit 1024"), message);
        refused(() -> new LaunchOp.SetRlimit(Rlimit.NOFILE, LaunchOp.SetRlimit.UNLIMITED, 10));
        refused(() -> new LaunchOp.SetRlimit(Rlimit.NOFILE, -5, 10));
        assertEquals(7, Rlimit.NOFILE.number());
    }

    @Test
    void onlyWhitelistedPrctlsWithTheirValues() {
        assertEquals("prctl PR_SET_NO_NEW_PRIVS 1", new LaunchOp.SetPrctl(Prctl.NO_NEW_PRIVS, 1).describe());
        String message = refused(() -> new LaunchOp.SetPrctl(Prctl.NO_NEW_PRIVS, 0));
        assertTrue(message.contains("PR_SET_NO_NEW_PRIVS") && message.contains("from 1 to 1"), message);
        assertEquals(38, Prctl.NO_NEW_PRIVS.number());
    }

    @Test
    void pathsMustBeAbsoluteAndModesModes() {
        assertTrue(refused(() -> new LaunchOp.WriteFile("etc/motd", new byte[0], 0644)).contains("must be absolute"));
        refused(() -> new LaunchOp.MakeDirectories("/a", 0100000));
        refused(() -> new LaunchOp.Mount("", "/x", "", 0, ""));
        refused(() -> new LaunchOp.Mount("tmpfs", "/x\0y", "tmpfs", 0, ""));
        refused(() -> new LaunchOp.ReadonlyPath("/proc/sys", MountFlags.NOSUID));
        refused(() -> new LaunchOp.HoldHostPath("/etc/hosts", 64));
    }

    @Test
    void mountsDescribeThemselvesWithoutEmptySources() {
        assertEquals("make mount propagation of / rprivate",
                new LaunchOp.Mount("", "/", "", MountFlags.REC | MountFlags.PRIVATE, "").describe());
        assertEquals("mount proc on /proc [nosuid,nodev,noexec]",
                new LaunchOp.Mount("proc", "/proc", "proc", MountFlags.NOSUID | MountFlags.NODEV | MountFlags.NOEXEC, "").describe());
        assertEquals("mount tmpfs (shm) on /dev/shm [mode=1777]",
                new LaunchOp.Mount("shm", "/dev/shm", "tmpfs", 0, "mode=1777").describe());
        assertEquals("remount / [bind,remount,ro]",
                new LaunchOp.Mount("", "/", "", MountFlags.BIND | MountFlags.REMOUNT | MountFlags.RDONLY, "").describe());
        assertEquals("make /proc/sys read-only [ro,nosuid,nodev,noexec]",
                new LaunchOp.ReadonlyPath("/proc/sys", LaunchOp.ReadonlyPath.DOCKER_FLAGS).describe());
    }

    @Test
    void aDroppedCapabilityLeavesEveryCapabilitySetOfThePlan() {
        LaunchPlan.Builder plan = LaunchPlan.builder(Path.of("/run/x/y"));
        Set<Capability> caps = Set.of(Capability.CHOWN, Capability.NET_RAW);
        plan.add(Phase.PROCESS, new LaunchOp.DropCapability(Capability.NET_RAW));
        plan.add(Phase.PROCESS, new LaunchOp.LimitBoundingSet(caps));
        plan.add(Phase.PROCESS, new LaunchOp.SetCapabilities(caps));
        plan.add(Phase.EXEC, EXEC);
        assertEquals(List.of(new LaunchOp.DropCapability(Capability.NET_RAW),
                new LaunchOp.LimitBoundingSet(Set.of(Capability.CHOWN)), new LaunchOp.SetCapabilities(Set.of(Capability.CHOWN)),
                EXEC), plan.build().ops());
    }

    @Test
    void execSearchesItsOwnPathElseDockersDefault() {
        assertEquals("/bin", new LaunchOp.Exec(List.of("sh"), List.of("A=1", "PATH=/bin")).searchPath());
        assertEquals("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                new LaunchOp.Exec(List.of("sh"), List.of("A=1")).searchPath());
    }
}
