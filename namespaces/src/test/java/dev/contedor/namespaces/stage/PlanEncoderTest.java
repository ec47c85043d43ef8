package dev.contedor.namespaces.stage;

import dev.contedor.api.launch.InvalidLaunchOpException;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.Leftover;
import dev.contedor.api.launch.Rlimit;
import dev.contedor.api.launch.Prctl;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.MountFlags;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.NamespaceType;
import dev.contedor.api.spec.User;
import org.junit.jupiter.api.Test;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Decodes the bytes as the native stage reads them (stage.h) and checks they say what the plan says. */
class PlanEncoderTest {
    private static final Path STATE = Path.of("/run/contedor/x");

    record Op(int code, List<byte[]> args) {
        String str(int i) {
            byte[] a = args.get(i);
            if (a.length == 0 || a[a.length - 1] != 0) {
                throw new AssertionError("argument " + i + " of op " + code + " is not NUL-terminated");
            }
            for (int j = 0; j < a.length - 1; j++) {
                if (a[j] == 0) {
                    throw new AssertionError("argument " + i + " of op " + code + " has a NUL inside");
                }
            }
            return new String(a, 0, a.length - 1, StandardCharsets.UTF_8);
        }

        long num(int i) {
            byte[] a = args.get(i);
            assertEquals(8, a.length, "numbers are 8 bytes");
            return ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }

    record Decoded(int magic, int version, long cloneFlags, int flags, Map<Integer, String> joins, List<Op> ops) {
    }

    static Decoded decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int magic = in.getInt();
            int version = in.getInt();
            long clone = in.getLong();
            int flags = in.getInt();
            int joinCount = in.getInt();
            Map<Integer, String> joins = new HashMap<>();
            for (int i = 0; i < joinCount; i++) {
                int nstype = in.getInt();
                Op holder = new Op(0, List.of(bytes(in)));
                joins.put(nstype, holder.str(0));
            }
            int opCount = in.getInt();
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < opCount; i++) {
                int code = Short.toUnsignedInt(in.getShort());
                int argc = Short.toUnsignedInt(in.getShort());
                List<byte[]> args = new ArrayList<>();
                for (int j = 0; j < argc; j++) {
                    args.add(bytes(in));
                }
                ops.add(new Op(code, args));
            }
            assertEquals(0, in.remaining(), "trailing bytes after the last op");
            return new Decoded(magic, version, clone, flags, joins, ops);
        } catch (BufferUnderflowException e) {
            throw new AssertionError("plan ends early", e);
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        int len = in.getInt();
        byte[] b = new byte[len];
        in.get(b);
        return b;
    }

    private static LaunchOp.Exec exec() {
        return new LaunchOp.Exec(List.of("sh", "-c", "echo hi"), List.of("PATH=/bin", "HOME=/root"));
    }

    private static Decoded encode(LaunchPlan.Builder b) {
        return decode(PlanEncoder.encode(b.build()));
    }

    @Test
    void headerCarriesMagicVersionCloneFlagsAndTerminalFlags() {
        LaunchPlan.Builder b = LaunchPlan.builder(STATE).newNamespace(NamespaceType.MOUNT).newNamespace(NamespaceType.PID)
                .terminal(true).interactive(false);
        b.add(Phase.EXEC, exec());
        Decoded d = encode(b);
        assertEquals(0x43544450, d.magic());
        assertEquals(2, d.version());
        assertEquals(0x00020000L | 0x20000000L, d.cloneFlags());
        assertEquals(1, d.flags());
        assertEquals(Map.of(), d.joins());

        LaunchPlan.Builder i = LaunchPlan.builder(STATE).terminal(false).interactive(true);
        i.add(Phase.EXEC, exec());
        assertEquals(2, encode(i).flags());
        LaunchPlan.Builder both = LaunchPlan.builder(STATE).terminal(true).interactive(true);
        both.add(Phase.EXEC, exec());
        assertEquals(3, encode(both).flags());
    }

    @Test
    void joinsCarryTheNamespaceTypeAndPath() {
        LaunchPlan.Builder b = LaunchPlan.builder(STATE)
                .joinNamespace(NamespaceType.NETWORK, Path.of("/proc/42/ns/net"))
                .joinNamespace(NamespaceType.IPC, Path.of("/proc/42/ns/ipc"))
                .newNamespace(NamespaceType.UTS);
        b.add(Phase.EXEC, exec());
        Decoded d = encode(b);
        assertEquals(Map.of(0x40000000, "/proc/42/ns/net", 0x08000000, "/proc/42/ns/ipc"), d.joins());
        assertEquals(0x04000000L, d.cloneFlags());
    }

    @Test
    void opsRoundTripInPlanOrder() {
        long flags = MountFlags.NOSUID | MountFlags.NODEV;
        LaunchPlan.Builder b = LaunchPlan.builder(STATE);
        b.add(Phase.EXEC, exec());
        b.add(Phase.CONTAINER, new LaunchOp.SetHostname("box-1"));
        b.add(Phase.PIVOT, new LaunchOp.PivotRoot("/var/lib/rootfs"));
        b.add(Phase.ROOTFS, new LaunchOp.Mount("tmpfs", "/dev", "tmpfs", flags, "mode=755,size=65536k"));
        b.add(Phase.CLONED, new LaunchOp.AwaitParent());
        Decoded d = encode(b);

        assertEquals(List.of(1, 2, 10, 13, 22), d.ops().stream().map(Op::code).toList());

        assertEquals(0, d.ops().get(0).args().size());

        Op mount = d.ops().get(1);
        assertEquals(5, mount.args().size());
        assertEquals("tmpfs", mount.str(0));
        assertEquals("/dev", mount.str(1));
        assertEquals("tmpfs", mount.str(2));
        assertEquals(flags, mount.num(3));
        assertEquals("mode=755,size=65536k", mount.str(4));

        Op pivot = d.ops().get(2);
        assertEquals(1, pivot.args().size());
        assertEquals("/var/lib/rootfs", pivot.str(0));

        assertEquals("box-1", d.ops().get(3).str(0));

        Op ex = d.ops().get(4);
        assertEquals(2 + 3 + 2, ex.args().size());
        assertEquals("/bin", ex.str(0), "the search path comes from Java");
        assertEquals(3, ex.num(1));
        assertEquals(List.of("sh", "-c", "echo hi"), List.of(ex.str(2), ex.str(3), ex.str(4)));
        assertEquals(List.of("PATH=/bin", "HOME=/root"), List.of(ex.str(5), ex.str(6)));
    }

    @Test
    void emptyStringsAreJustANul() {
        LaunchPlan.Builder b = LaunchPlan.builder(STATE);
        b.add(Phase.ROOTFS, new LaunchOp.Mount("", "/", "", MountFlags.REC | MountFlags.PRIVATE, ""));
        b.add(Phase.EXEC, exec());
        Op mount = encode(b).ops().getFirst();
        assertArrayEquals(new byte[] {0}, mount.args().get(0));
        assertEquals("", mount.str(2));
        assertEquals(MountFlags.REC | MountFlags.PRIVATE, mount.num(3));
    }

    @Test
    void stringsAreUtf8() {
        LaunchPlan.Builder b = LaunchPlan.builder(STATE);
        b.add(Phase.EXEC, new LaunchOp.Exec(List.of("/bin/échō"), List.of("GREETING=¡hola ☃")));
        Op ex = encode(b).ops().getFirst();
        assertEquals("/bin/échō", ex.str(2));
        assertEquals("GREETING=¡hola ☃", ex.str(3));
    }

    @Test
    void capabilitiesAreKernelBitmasksAndIdentityListsGroups() {
        Set<Capability> caps = EnumSet.of(Capability.CHOWN, Capability.NET_ADMIN, Capability.CHECKPOINT_RESTORE);
        LaunchPlan.Builder b = LaunchPlan.builder(STATE);
        b.add(Phase.PROCESS, new LaunchOp.LimitBoundingSet(caps));
        b.add(Phase.PROCESS, new LaunchOp.SetIdentity(new User(1000, 100, List.of(5, 27))));
        b.add(Phase.PROCESS, new LaunchOp.SetCapabilities(Set.of()));
        b.add(Phase.EXEC, exec());
        Decoded d = encode(b);
        assertEquals(List.of(17, 18, 19, 22), d.ops().stream().map(Op::code).toList());
        assertEquals(1L | (1L << 12) | (1L << 40), d.ops().get(0).num(0));
        Op id = d.ops().get(1);
        assertEquals(List.of(1000L, 100L, 5L, 27L), List.of(id.num(0), id.num(1), id.num(2), id.num(3)));
        assertEquals(0L, d.ops().get(2).num(0));
    }

    @Test
    void heldPathsAndFileContentsAreCarried() {
        byte[] content = {'a', 0, 'b', '\n'};
        LaunchPlan.Builder b = LaunchPlan.builder(STATE);
        b.add(Phase.ROOTFS, new LaunchOp.HoldHostPath("/srv/data", 3));
        b.add(Phase.CONTAINER, new LaunchOp.BindHeld(3, "/data", true));
        b.add(Phase.CONTAINER, new LaunchOp.WriteFile("/etc/motd", content, 0644));
        b.add(Phase.CONTAINER, new LaunchOp.MakeDevice("/dev/null", 1, 3, 0666, 0, 0));
        b.add(Phase.EXEC, exec());
        Decoded d = encode(b);
        assertEquals(List.of(3, 4, 7, 9, 22), d.ops().stream().map(Op::code).toList());
        assertEquals("/srv/data", d.ops().get(0).str(0));
        assertEquals(3, d.ops().get(0).num(1));
        Op bind = d.ops().get(1);
        assertEquals(List.of(3L, 1L), List.of(bind.num(0), bind.num(2)));
        assertEquals("/data", bind.str(1));
        Op write = d.ops().get(2);
        assertArrayEquals(content, write.args().get(1), "file content goes raw, NULs included");
        assertEquals(0644, write.num(2));
        Op dev = d.ops().get(3);
        assertEquals(List.of(1L, 3L, 0666L, 0L, 0L),
                List.of(dev.num(1), dev.num(2), dev.num(3), dev.num(4), dev.num(5)));
    }

    @Test
    void everyOpOfAPlanIsEncoded() {
        LaunchPlan.Builder b = LaunchPlan.builder(STATE);
        b.add(Phase.CLONED, new LaunchOp.AwaitParent());
        b.add(Phase.NAMESPACES, new LaunchOp.InterfaceUp("lo"));
        b.add(Phase.NAMESPACES, new LaunchOp.Unshare(NamespaceType.CGROUP));
        b.add(Phase.CONTAINER, new LaunchOp.MakeDirectories("/etc", 0755));
        b.add(Phase.CONTAINER, new LaunchOp.MakeFile("/etc/hostname", 0644));
        b.add(Phase.CONTAINER, new LaunchOp.Symlink("/proc/self/fd", "/dev/fd"));
        b.add(Phase.CONTAINER, new LaunchOp.MaskPath("/proc/kcore"));
        b.add(Phase.CONTAINER, new LaunchOp.ReadonlyPath("/proc/sys", LaunchOp.ReadonlyPath.DOCKER_FLAGS));
        b.add(Phase.CONTAINER, new LaunchOp.SetDomainname("example.org"));
        b.add(Phase.PROCESS, new LaunchOp.Console());
        b.add(Phase.PROCESS, new LaunchOp.SetPrctl(Prctl.NO_NEW_PRIVS, 1));
        b.add(Phase.PROCESS, new LaunchOp.ChangeDirectory("/work"));
        b.add(Phase.EXEC, exec());
        LaunchPlan plan = b.build();
        Decoded d = decode(PlanEncoder.encode(plan));
        assertEquals(plan.ops().size(), d.ops().size());
        assertEquals(List.of(1, 15, 23, 5, 6, 8, 11, 12, 14, 16, 20, 21, 22), d.ops().stream().map(Op::code).toList());
        assertEquals(0x02000000L, d.ops().get(2).num(0), "unshare carries the CLONE_NEWCGROUP flag");
        assertEquals("/proc/self/fd", d.ops().get(5).str(0));
        assertEquals("/dev/fd", d.ops().get(5).str(1));
        assertEquals(LaunchOp.ReadonlyPath.DOCKER_FLAGS, d.ops().get(7).num(1), "a read-only path states its flags");
        assertEquals(List.of(38L, 1L), List.of(d.ops().get(10).num(0), d.ops().get(10).num(1)));
        assertEquals("/work", d.ops().get(11).str(0));
    }

    @Test
    void theKernelPrimitivesCarryTheirNumbers() {
        LaunchPlan.Builder b = LaunchPlan.builder(STATE).newNamespace(NamespaceType.NETWORK);
        b.add(Phase.CONTAINER, new LaunchOp.SetSysctl("net.ipv4.ping_group_range", "0 0"));
        b.add(Phase.PROCESS, new LaunchOp.SetRlimit(Rlimit.NOFILE, 512, LaunchOp.SetRlimit.UNLIMITED));
        b.add(Phase.PROCESS, new LaunchOp.DropCapability(Capability.NET_RAW));
        b.add(Phase.EXEC, exec());
        Decoded d = encode(b);
        assertEquals(List.of(24, 25, 26, 22), d.ops().stream().map(Op::code).toList());
        assertEquals("/proc/sys/net/ipv4/ping_group_range", d.ops().get(0).str(0));
        assertEquals("0 0", d.ops().get(0).str(1));
        assertEquals(List.of(7L, 512L, -1L), List.of(d.ops().get(1).num(0), d.ops().get(1).num(1), d.ops().get(1).num(2)),
                "unlimited is RLIM_INFINITY, all bits set");
        assertEquals(13L, d.ops().get(2).num(0));
    }

    @Test
    void leftoversAreExplicitStepsWithTheirPolicy() {
        byte[] bytes = PlanEncoder.encodeLeftovers(List.of(
                new Leftover.WriteFile(Path.of("/sys/fs/cgroup/freezer/contedor/c/freezer.state"), "THAWED"),
                new Leftover.RemoveFolder(Path.of("/sys/fs/cgroup/pids/contedor/c"), 501, Duration.ofMillis(10),
                        Optional.of(Path.of("/sys/fs/cgroup/pids/contedor/c/cgroup.procs"))),
                new Leftover.RemoveFolderIfEmpty(Path.of("/sys/fs/cgroup/pids/contedor")),
                new Leftover.KillListed(Path.of("/sys/fs/cgroup/pids/contedor/c/cgroup.procs")),
                new Leftover.RemoveTree(Path.of("/run/contedor/c"))));
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(5, in.getInt());
        List<Op> steps = new ArrayList<>();
        while (in.hasRemaining()) {
            int code = Short.toUnsignedInt(in.getShort());
            int argc = Short.toUnsignedInt(in.getShort());
            List<byte[]> args = new ArrayList<>();
            for (int j = 0; j < argc; j++) {
                args.add(bytes(in));
            }
            steps.add(new Op(code, args));
        }
        assertEquals(List.of(1, 3, 4, 2, 5), steps.stream().map(Op::code).toList());
        assertEquals("THAWED", steps.get(0).str(1));
        Op rmdir = steps.get(1);
        assertEquals(List.of(501L, 10L), List.of(rmdir.num(1), rmdir.num(2)));
        assertEquals("/sys/fs/cgroup/pids/contedor/c/cgroup.procs", rmdir.str(3));
        assertEquals("/run/contedor/c", steps.get(4).str(0));
    }

    @Test
    void aStringWithANulInsideIsRefused() {
        LaunchPlan.Builder b = LaunchPlan.builder(STATE);
        b.add(Phase.EXEC, new LaunchOp.Exec(List.of("sh", "-c", "echo a\0b"), List.of()));
        LaunchPlan plan = b.build();
        assertThrows(IllegalArgumentException.class, () -> PlanEncoder.encode(plan));

        LaunchPlan.Builder env = LaunchPlan.builder(STATE);
        env.add(Phase.EXEC, new LaunchOp.Exec(List.of("sh"), List.of("A=\0")));
        assertThrows(IllegalArgumentException.class, () -> PlanEncoder.encode(env.build()));

        assertThrows(InvalidLaunchOpException.class, () -> new LaunchOp.SetHostname("a\0b"));
    }
}
