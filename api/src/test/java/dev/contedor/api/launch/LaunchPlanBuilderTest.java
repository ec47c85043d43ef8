package dev.contedor.api.launch;

import dev.contedor.api.spec.NamespaceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchPlanBuilderTest {
    private static final Path STATE = Path.of("/run/contedor/abc");
    private static final LaunchOp EXEC = new LaunchOp.Exec(List.of("sh"), List.of("PATH=/bin"));

    private static LaunchPlan.Builder builder() {
        return LaunchPlan.builder(STATE);
    }

    @Test
    void opsComeOutPhaseByPhaseThenInInsertionOrder() {
        LaunchPlan.Builder b = builder();
        // added in reverse phase order, two ops in some phases
        b.add(Phase.EXEC, EXEC);
        b.add(Phase.PROCESS, new LaunchOp.ChangeDirectory("/a"));
        b.add(Phase.PROCESS, new LaunchOp.SetPrctl(Prctl.NO_NEW_PRIVS, 1));
        b.add(Phase.CONTAINER, new LaunchOp.MaskPath("/proc/kcore"));
        b.add(Phase.PIVOT, new LaunchOp.PivotRoot("/r"));
        b.add(Phase.ROOTFS, new LaunchOp.Mount("/r", "/r", "", MountFlags.BIND, ""));
        b.add(Phase.NAMESPACES, new LaunchOp.SetHostname("h"));
        b.add(Phase.CLONED, new LaunchOp.AwaitParent());
        b.add(Phase.CONTAINER, new LaunchOp.MaskPath("/proc/keys"));
        b.add(Phase.NAMESPACES, new LaunchOp.InterfaceUp("lo"));

        List<LaunchOp> expected = List.of(
                new LaunchOp.AwaitParent(),
                new LaunchOp.SetHostname("h"), new LaunchOp.InterfaceUp("lo"),
                new LaunchOp.Mount("/r", "/r", "", MountFlags.BIND, ""),
                new LaunchOp.PivotRoot("/r"),
                new LaunchOp.MaskPath("/proc/kcore"), new LaunchOp.MaskPath("/proc/keys"),
                new LaunchOp.ChangeDirectory("/a"), new LaunchOp.SetPrctl(Prctl.NO_NEW_PRIVS, 1),
                EXEC);
        assertEquals(expected, b.build().ops());
    }

    @Test
    void opsOfOnePhaseAreVisibleAndReadOnly() {
        LaunchPlan.Builder b = builder();
        b.add(Phase.CONTAINER, new LaunchOp.MaskPath("/x"));
        b.add(Phase.CONTAINER, new LaunchOp.ReadonlyPath("/y", LaunchOp.ReadonlyPath.DOCKER_FLAGS));
        assertEquals(List.of(new LaunchOp.MaskPath("/x"), new LaunchOp.ReadonlyPath("/y", LaunchOp.ReadonlyPath.DOCKER_FLAGS)), b.ops(Phase.CONTAINER));
        assertEquals(List.of(), b.ops(Phase.PIVOT));
        assertThrows(UnsupportedOperationException.class, () -> b.ops(Phase.CONTAINER).add(new LaunchOp.MaskPath("/z")));
        assertEquals(2, b.ops(Phase.CONTAINER).size());
    }

    @Test
    void aPlanWithoutExecIsRefused() {
        LaunchPlan.Builder b = builder();
        b.add(Phase.CLONED, new LaunchOp.AwaitParent());
        assertThrows(IllegalStateException.class, b::build);
    }

    @Test
    void aPlanWithTwoExecsIsRefused() {
        LaunchPlan.Builder b = builder();
        b.add(Phase.EXEC, EXEC);
        b.add(Phase.EXEC, new LaunchOp.Exec(List.of("true"), List.of()));
        assertThrows(IllegalStateException.class, b::build);
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = "EXEC", mode = EnumSource.Mode.EXCLUDE)
    void execOutsideTheExecPhaseIsRefused(Phase phase) {
        LaunchPlan.Builder b = builder();
        assertThrows(IllegalArgumentException.class, () -> b.add(phase, EXEC));
        // and nothing was added
        assertEquals(List.of(), b.ops(phase));
    }

    @Test
    void provideFileHoldsAHostFileUnderTheStateFolderAndBindsItInTheContainer() {
        LaunchPlan.Builder b = builder();
        byte[] content = "box\n".getBytes(StandardCharsets.UTF_8);
        b.provideFile("/etc/hostname", content, true);
        b.add(Phase.EXEC, EXEC);
        LaunchPlan plan = b.build();

        assertEquals(1, plan.files().size());
        ProvidedFile file = plan.files().getFirst();
        assertEquals("/etc/hostname", file.containerPath());
        assertArrayEquals(content, file.content());
        assertEquals(STATE, file.hostPath().getParent());

        List<LaunchOp> rootfs = b.ops(Phase.ROOTFS);
        assertEquals(1, rootfs.size());
        LaunchOp.HoldHostPath hold = (LaunchOp.HoldHostPath) rootfs.getFirst();
        assertEquals(file.hostPath().toString(), hold.hostPath());

        List<LaunchOp> container = b.ops(Phase.CONTAINER);
        assertEquals(List.of(new LaunchOp.MakeFile("/etc/hostname", 0644),
                new LaunchOp.BindHeld(hold.slot(), "/etc/hostname", true)), container);

        // the hold comes before pivot_root, the bind after: in the built plan too
        assertTrue(plan.ops().indexOf(hold) < plan.ops().indexOf(container.get(1)));
    }

    @Test
    void provideFileHonoursReadWrite() {
        LaunchPlan.Builder b = builder();
        b.provideFile("/etc/hosts", new byte[0], false);
        LaunchOp.BindHeld bind = (LaunchOp.BindHeld) b.ops(Phase.CONTAINER).getLast();
        assertFalse(bind.readOnly());
    }

    @Test
    void everyHeldPathGetsItsOwnSlotAndEveryFileItsOwnHostPath() {
        LaunchPlan.Builder b = builder();
        int first = b.holdHostPath(Path.of("/srv/data"));
        b.provideFile("/etc/hostname", new byte[] {1}, false);
        b.provideFile("/etc/hosts", new byte[] {2}, false);
        b.provideFile("/etc/resolv.conf", new byte[] {3}, false);
        b.add(Phase.EXEC, EXEC);
        LaunchPlan plan = b.build();

        List<Integer> slots = new ArrayList<>();
        for (LaunchOp op : b.ops(Phase.ROOTFS)) {
            slots.add(((LaunchOp.HoldHostPath) op).slot());
        }
        assertEquals(4, slots.size());
        assertEquals(4, Set.copyOf(slots).size(), "slots must differ: " + slots);
        assertEquals(first, slots.getFirst());

        assertEquals(3, plan.files().stream().map(ProvidedFile::hostPath).distinct().count());
        // each BindHeld names the slot whose HoldHostPath holds its file
        for (ProvidedFile f : plan.files()) {
            LaunchOp.HoldHostPath hold = b.ops(Phase.ROOTFS).stream().map(LaunchOp.HoldHostPath.class::cast)
                    .filter(h -> h.hostPath().equals(f.hostPath().toString())).findFirst().orElseThrow();
            assertTrue(b.ops(Phase.CONTAINER).contains(new LaunchOp.BindHeld(hold.slot(), f.containerPath(), false)),
                    () -> "no bind of slot " + hold.slot() + " on " + f.containerPath());
        }
    }

    @Test
    void aProvidedFileCannotEscapeTheStateFolder() {
        LaunchPlan.Builder b = builder();
        b.provideFile("/../../etc/passwd", new byte[0], false);
        b.add(Phase.EXEC, EXEC);
        Path host = b.build().files().getFirst().hostPath();
        assertEquals(STATE, host.normalize().getParent());
    }

    @Test
    void newNamespaceOverridesAJoin() {
        LaunchPlan.Builder b = builder();
        b.joinNamespace(NamespaceType.NETWORK, Path.of("/proc/1/ns/net"));
        b.newNamespace(NamespaceType.NETWORK);
        b.add(Phase.EXEC, EXEC);
        LaunchPlan plan = b.build();
        assertEquals(Set.of(NamespaceType.NETWORK), plan.newNamespaces());
        assertEquals(Map.of(), plan.joins());
        assertEquals(NamespaceType.NETWORK.cloneFlag(), plan.cloneFlags());
    }

    @Test
    void aJoinOverridesANewNamespace() {
        LaunchPlan.Builder b = builder();
        b.newNamespace(NamespaceType.NETWORK);
        b.newNamespace(NamespaceType.UTS);
        b.joinNamespace(NamespaceType.NETWORK, Path.of("/proc/1/ns/net"));
        b.add(Phase.EXEC, EXEC);
        LaunchPlan plan = b.build();
        assertEquals(Set.of(NamespaceType.UTS), plan.newNamespaces());
        assertEquals(Map.of(NamespaceType.NETWORK, Path.of("/proc/1/ns/net")), plan.joins());
        assertEquals(NamespaceType.UTS.cloneFlag(), plan.cloneFlags());
    }

    @Test
    void cloneFlagsAreTheKernelFlagsOfTheNewNamespaces() {
        // CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP from <sched.h>
        LaunchPlan.Builder b = builder();
        b.newNamespace(NamespaceType.MOUNT).newNamespace(NamespaceType.PID)
                .newNamespace(NamespaceType.NETWORK).newNamespace(NamespaceType.CGROUP);
        b.add(Phase.EXEC, EXEC);
        assertEquals(0x00020000L | 0x20000000L | 0x40000000L | 0x02000000L, b.build().cloneFlags());
    }

    @Test
    void noNewNamespaceMeansNoCloneFlags() {
        LaunchPlan plan = builder().add(Phase.EXEC, EXEC).build();
        assertEquals(0, plan.cloneFlags());
        assertEquals(Set.of(), plan.newNamespaces());
    }

    @Test
    void namespaceTypesCarryTheKernelCloneFlagsAndProcNames() {
        assertEquals(0x00020000L, NamespaceType.MOUNT.cloneFlag());
        assertEquals(0x04000000L, NamespaceType.UTS.cloneFlag());
        assertEquals(0x08000000L, NamespaceType.IPC.cloneFlag());
        assertEquals(0x10000000L, NamespaceType.USER.cloneFlag());
        assertEquals(0x20000000L, NamespaceType.PID.cloneFlag());
        assertEquals(0x40000000L, NamespaceType.NETWORK.cloneFlag());
        assertEquals(0x02000000L, NamespaceType.CGROUP.cloneFlag());
        assertEquals(0x00000080L, NamespaceType.TIME.cloneFlag());
        assertEquals("mnt", NamespaceType.MOUNT.procName());
        assertEquals("net", NamespaceType.NETWORK.procName());
    }

    @Test
    void terminalAndInteractiveAreCarried() {
        LaunchPlan plan = builder().terminal(true).interactive(false).add(Phase.EXEC, EXEC).build();
        assertTrue(plan.terminal());
        assertFalse(plan.interactive());
        LaunchPlan other = builder().terminal(false).interactive(true).add(Phase.EXEC, EXEC).build();
        assertFalse(other.terminal());
        assertTrue(other.interactive());
    }

    @Test
    void theBuiltPlanIsImmutable() {
        LaunchPlan.Builder b = builder().add(Phase.EXEC, EXEC);
        LaunchPlan plan = b.build();
        assertThrows(UnsupportedOperationException.class, () -> plan.ops().add(new LaunchOp.AwaitParent()));
        b.add(Phase.CLONED, new LaunchOp.AwaitParent());
        assertEquals(List.of(EXEC), plan.ops());
        assertNotEquals(plan.ops(), b.build().ops());
    }
}
