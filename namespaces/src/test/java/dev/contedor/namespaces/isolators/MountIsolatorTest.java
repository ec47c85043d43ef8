package dev.contedor.namespaces.isolators;

import dev.contedor.api.cgroup.DeviceMapping;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.MountFlags;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.launch.ProvidedFile;
import dev.contedor.api.rootfs.Overlay;
import dev.contedor.api.spec.ContainerFile;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.CgroupSpec;
import dev.contedor.api.spec.RootSpec;
import dev.contedor.api.spec.DockerDefaults;
import dev.contedor.api.spec.MountSpec;
import dev.contedor.api.spec.NamespaceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountIsolatorTest {
    private final MountIsolator isolator = new MountIsolator();

    private LaunchPlan.Builder contribute(ContainerSpec spec) {
        assertTrue(isolator.appliesTo(spec));
        LaunchPlan.Builder plan = TestSpecs.builder();
        isolator.contribute(spec, plan);
        return plan;
    }

    private static int indexOf(List<LaunchOp> ops, Predicate<LaunchOp> p) {
        for (int i = 0; i < ops.size(); i++) {
            if (p.test(ops.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such op in " + ops);
    }

    private static Predicate<LaunchOp> mountOn(String target) {
        return op -> op instanceof LaunchOp.Mount m && m.target().equals(target);
    }

    private static LaunchOp.Mount mount(List<LaunchOp> ops, String target) {
        return (LaunchOp.Mount) ops.get(indexOf(ops, mountOn(target)));
    }

    private static List<LaunchOp> containerThenLockdown(LaunchPlan.Builder plan) {
        List<LaunchOp> ops = new java.util.ArrayList<>(plan.ops(Phase.CONTAINER));
        ops.addAll(plan.ops(Phase.LOCKDOWN));
        return ops;
    }

    private static String provided(LaunchPlan plan, String containerPath) {
        ProvidedFile f = plan.files().stream().filter(x -> x.containerPath().equals(containerPath)).findFirst()
                .orElseThrow(() -> new AssertionError("no provided " + containerPath + " in " + plan.files()));
        return new String(f.content(), StandardCharsets.UTF_8);
    }

    @Test
    void appliesOnlyWithAMountNamespace() {
        assertTrue(isolator.appliesTo(new TestSpecs().build()));
        assertFalse(isolator.appliesTo(new TestSpecs().without(NamespaceType.MOUNT).build()));
        assertEquals("mount", isolator.name());
    }

    @Test
    void createsAMountNamespace() {
        ContainerSpec spec = new TestSpecs().build();
        LaunchPlan plan = TestSpecs.finish(contribute(spec), spec);
        assertTrue(plan.newNamespaces().contains(NamespaceType.MOUNT));
        assertEquals(NamespaceType.MOUNT.cloneFlag(), plan.cloneFlags());
    }

    @Test
    void makesEverythingPrivateAndBindsTheRootfsBeforePivotingIntoIt() {
        TestSpecs t = new TestSpecs();
        ContainerSpec spec = t.build();
        LaunchPlan.Builder b = contribute(spec);
        String root = t.rootfs.toString();

        List<LaunchOp> rootfs = b.ops(Phase.ROOTFS);
        LaunchOp.Mount first = (LaunchOp.Mount) rootfs.get(0);
        assertEquals("/", first.target());
        assertEquals(MountFlags.REC | MountFlags.PRIVATE, first.flags() & (MountFlags.REC | MountFlags.PRIVATE));

        LaunchOp.Mount bind = (LaunchOp.Mount) rootfs.get(1);
        assertEquals(root, bind.source());
        assertEquals(root, bind.target());
        assertEquals(MountFlags.BIND | MountFlags.REC, bind.flags() & (MountFlags.BIND | MountFlags.REC));

        assertEquals(List.of(new LaunchOp.PivotRoot(root)), b.ops(Phase.PIVOT));
    }

    @Test
    void mountsProcAndSysAfterPivotRoot() {
        ContainerSpec spec = new TestSpecs().build();
        LaunchPlan plan = TestSpecs.finish(contribute(spec), spec);
        List<LaunchOp> ops = plan.ops();
        int pivot = indexOf(ops, LaunchOp.PivotRoot.class::isInstance);
        int proc = indexOf(ops, mountOn("/proc"));
        assertTrue(pivot < proc, "proc is mounted before pivot_root");

        LaunchOp.Mount p = mount(ops, "/proc");
        assertEquals("proc", p.fstype());
        assertEquals(MountFlags.NOSUID | MountFlags.NOEXEC | MountFlags.NODEV, p.flags());

        LaunchOp.Mount sys = mount(ops, "/sys");
        assertTrue(indexOf(ops, mountOn("/sys")) > pivot);
        assertEquals("sysfs", sys.fstype());
        assertTrue((sys.flags() & MountFlags.RDONLY) != 0, "/sys must be read-only");
    }

    @Test
    void everySpecMountGetsItsMountPointFirstAndItsData() {
        ContainerSpec spec = new TestSpecs().build();
        List<LaunchOp> ops = contribute(spec).ops(Phase.CONTAINER);
        for (MountSpec m : spec.filesystem().mounts()) {
            int at = indexOf(ops, mountOn(m.destination()));
            int dir = indexOf(ops, op -> op instanceof LaunchOp.MakeDirectories d && d.path().equals(m.destination()));
            assertTrue(dir < at, "mkdir " + m.destination() + " comes after its mount");
            LaunchOp.Mount mount = (LaunchOp.Mount) ops.get(at);
            assertEquals(m.type(), mount.fstype());
            assertEquals(m.source(), mount.source());
            assertEquals(MountFlags.parse(m.options()), new MountFlags.Parsed(mount.flags(), mount.data()));
        }
        // mounts keep the spec's order: /dev before /dev/pts
        assertTrue(indexOf(ops, mountOn("/dev")) < indexOf(ops, mountOn("/dev/pts")));
    }

    @Test
    void masksDockersMaskedPathsAndMakesItsReadonlyPathsReadonlyAfterTheMounts() {
        ContainerSpec spec = new TestSpecs().build();
        List<LaunchOp> ops = containerThenLockdown(contribute(spec));
        int lastMount = ops.stream().filter(LaunchOp.Mount.class::isInstance).mapToInt(ops::indexOf).max().orElseThrow();
        for (String path : DockerDefaults.MASKED_PATHS) {
            int at = ops.indexOf(new LaunchOp.MaskPath(path));
            assertTrue(at >= 0, "not masked: " + path);
            assertTrue(at > lastMount, path + " is masked before /proc or /sys is mounted");
        }
        for (String path : DockerDefaults.READONLY_PATHS) {
            int at = ops.indexOf(new LaunchOp.ReadonlyPath(path, LaunchOp.ReadonlyPath.DOCKER_FLAGS));
            assertTrue(at >= 0, "not read-only: " + path);
            assertTrue(at > lastMount, path + " is made read-only before /proc is mounted");
        }
    }

    @Test
    void noMaskedPathsMeansNoMasks() {
        TestSpecs t = new TestSpecs();
        t.masked = List.of();
        t.readonly = List.of();
        List<LaunchOp> ops = containerThenLockdown(contribute(t.build()));
        assertFalse(ops.stream().anyMatch(op -> op instanceof LaunchOp.MaskPath || op instanceof LaunchOp.ReadonlyPath), ops::toString);
    }

    /** The spec of a container on an overlay, with these resources. */
    private static ContainerSpec onOverlay(Resources resources) {
        ContainerSpec s = new TestSpecs().build();
        return new ContainerSpec(s.id(), new RootSpec(s.root().path(), false,
                Optional.of(new Overlay(List.of(Path.of("/l1")), Path.of("/u"), Path.of("/w")))), s.process(), s.names(),
                s.filesystem(), s.namespaces(), new CgroupSpec(s.cgroup().path(), resources), s.annotations());
    }

    @Test
    void theContainersOverlayIsNodevUnlessPrivileged() {
        LaunchOp.Mount overlay = (LaunchOp.Mount) contribute(onOverlay(Resources.NONE))
                .ops(Phase.ROOTFS).stream().filter(op -> op instanceof LaunchOp.Mount m && m.fstype().equals("overlay"))
                .findFirst().orElseThrow();
        assertEquals(MountFlags.NODEV, overlay.flags());
        Resources all = new Resources(Resources.Memory.NONE, Resources.Cpu.NONE, Resources.Cpuset.NONE,
                OptionalLong.empty(), Resources.BlockIo.NONE, List.of(), true);
        assertTrue(contribute(onOverlay(all)).ops(Phase.ROOTFS).contains(
                new LaunchOp.Mount("overlay", overlay.target(), "overlay", 0, overlay.data())));
    }

    @Test
    void givenDevicesAreMadeOrBoundAndWinOverTheStandardOnes() {
        var tty = new DeviceMapping("/dev/ttyS1", "/dev/tty", 'c', 4, 65, "rw", 0660, 0, 20);
        var disk = new DeviceMapping("/dev/sdb", "/dev/disks/b", 'b', 8, 16, "r", 0660, 0, 6);
        Resources r = new Resources(Resources.Memory.NONE, Resources.Cpu.NONE, Resources.Cpuset.NONE,
                OptionalLong.empty(), Resources.BlockIo.NONE, List.of(), false, List.of(tty, disk));
        LaunchPlan.Builder b = contribute(onOverlay(r));
        List<LaunchOp> ops = b.ops(Phase.CONTAINER);
        assertEquals(List.of(new LaunchOp.MakeDevice("/dev/tty", 4, 65, 0660, 0, 20)),
                ops.stream().filter(op -> op instanceof LaunchOp.MakeDevice d && d.path().equals("/dev/tty")).toList());
        assertTrue(ops.contains(new LaunchOp.MakeDirectories("/dev/disks", 0755)));
        assertTrue(b.ops(Phase.ROOTFS).stream().anyMatch(op -> op instanceof LaunchOp.HoldHostPath h
                && h.hostPath().equals("/dev/sdb")));
        assertTrue(ops.stream().anyMatch(op -> op instanceof LaunchOp.BindHeld h && h.target().equals("/dev/disks/b")));
    }

    @Test
    void etcFilesAreBoundReadOnly() {
        TestSpecs t = new TestSpecs();
        t.files = List.of(new ContainerFile("/etc/hostname", "box\n"), new ContainerFile("/etc/hosts", "127.0.0.1 box\n"),
                new ContainerFile("/etc/resolv.conf", ""));
        ContainerSpec spec = t.build();
        List<String> readOnly = contribute(spec).ops(Phase.CONTAINER).stream()
                .filter(op -> op instanceof LaunchOp.BindHeld h && h.target().startsWith("/etc/") && h.readOnly())
                .map(op -> ((LaunchOp.BindHeld) op).target()).toList();
        assertEquals(List.of("/etc/hostname", "/etc/hosts", "/etc/resolv.conf"), readOnly);
    }

    @Test
    void providesTheSpecsFilesThroughHeldBindMounts() {
        TestSpecs t = new TestSpecs();
        t.files = List.of(new ContainerFile("/etc/hostname", "web-1\n"), new ContainerFile("/etc/hosts", "127.0.0.1 web-1\n"));
        ContainerSpec spec = t.build();
        LaunchPlan.Builder b = contribute(spec);
        LaunchPlan plan = TestSpecs.finish(b, spec);
        assertEquals("web-1\n", provided(plan, "/etc/hostname"));
        assertEquals("127.0.0.1 web-1\n", provided(plan, "/etc/hosts"));
        ProvidedFile f = plan.files().stream().filter(x -> x.containerPath().equals("/etc/hostname")).findFirst().orElseThrow();
        assertTrue(f.hostPath().startsWith(TestSpecs.STATE), f.hostPath().toString());
        assertTrue(b.ops(Phase.CONTAINER).stream().anyMatch(op -> op instanceof LaunchOp.BindHeld h && h.target().equals("/etc/hostname")));
        assertTrue(b.ops(Phase.ROOTFS).contains(new LaunchOp.HoldHostPath(f.hostPath().toString(),
                b.ops(Phase.CONTAINER).stream().filter(op -> op instanceof LaunchOp.BindHeld h && h.target().equals("/etc/hostname"))
                        .map(op -> ((LaunchOp.BindHeld) op).slot()).findFirst().orElseThrow())));
    }

    @Test
    void aMountedDevGetsTheStandardDevicesAfterItsMount() {
        ContainerSpec spec = new TestSpecs().build();
        List<LaunchOp> ops = contribute(spec).ops(Phase.CONTAINER);
        int dev = indexOf(ops, mountOn("/dev"));
        int nul = ops.indexOf(new LaunchOp.MakeDevice("/dev/null", 1, 3, 0666, 0, 0));
        assertTrue(nul > dev, "/dev/null made before /dev is mounted, or missing: " + ops);
        assertTrue(ops.contains(new LaunchOp.MakeDevice("/dev/urandom", 1, 9, 0666, 0, 0)));
        assertTrue(ops.contains(new LaunchOp.Symlink("/proc/self/fd", "/dev/fd")));
    }

    @Test
    void noDevMountNoDevices() {
        TestSpecs t = new TestSpecs();
        t.mounts = t.mounts.stream().filter(m -> !m.destination().startsWith("/dev")).toList();
        List<LaunchOp> ops = contribute(t.build()).ops(Phase.CONTAINER);
        assertFalse(ops.stream().anyMatch(LaunchOp.MakeDevice.class::isInstance), ops::toString);
    }

    @Test
    void aBindMountIsHeldBeforePivotAndAttachedAfter(@TempDir Path host) throws IOException {
        Path dir = Files.createDirectories(host.resolve("data"));
        Path file = Files.writeString(host.resolve("conf"), "x");
        TestSpecs t = new TestSpecs();
        t.mounts = new java.util.ArrayList<>(t.mounts);
        t.mounts.add(new MountSpec("/data", "bind", dir.toString(), List.of("rbind", "ro"), true));
        t.mounts.add(new MountSpec("/etc/app.conf", "bind", file.toString(), List.of("bind"), false));
        ContainerSpec spec = t.build();
        LaunchPlan.Builder b = contribute(spec);

        Map<String, Integer> held = new java.util.HashMap<>();
        for (LaunchOp op : b.ops(Phase.ROOTFS)) {
            if (op instanceof LaunchOp.HoldHostPath h) {
                held.put(h.hostPath(), h.slot());
            }
        }
        assertTrue(held.containsKey(dir.toString()), held::toString);
        assertTrue(held.containsKey(file.toString()), held::toString);

        List<LaunchOp> ops = b.ops(Phase.CONTAINER);
        int mkdir = ops.indexOf(new LaunchOp.MakeDirectories("/data", 0755));
        int bindDir = ops.indexOf(new LaunchOp.BindHeld(held.get(dir.toString()), "/data", true));
        assertTrue(mkdir >= 0 && bindDir > mkdir, ops::toString);
        int touch = indexOf(ops, op -> op instanceof LaunchOp.MakeFile f && f.path().equals("/etc/app.conf"));
        int bindFile = ops.indexOf(new LaunchOp.BindHeld(held.get(file.toString()), "/etc/app.conf", false));
        assertTrue(bindFile > touch, ops::toString);
        // a bind mount is not a mount(2) of the host path after pivot_root, which would resolve inside the container
        assertFalse(ops.stream().anyMatch(mountOn("/data")), ops::toString);
    }

    @Test
    void aReadonlyRootIsRemountedReadonlyAfterEverythingThatWritesToIt() {
        TestSpecs t = new TestSpecs();
        t.readonlyRoot = true;
        t.cwd = "/srv/app";
        List<LaunchOp> ops = containerThenLockdown(contribute(t.build()));
        int ro = indexOf(ops, op -> op instanceof LaunchOp.Mount m && m.target().equals("/")
                && (m.flags() & (MountFlags.REMOUNT | MountFlags.RDONLY)) == (MountFlags.REMOUNT | MountFlags.RDONLY));
        for (int i = ro + 1; i < ops.size(); i++) {
            LaunchOp op = ops.get(i);
            assertFalse(op instanceof LaunchOp.MakeDirectories || op instanceof LaunchOp.MakeFile
                    || op instanceof LaunchOp.MakeDevice || op instanceof LaunchOp.Symlink, "after the root is read-only: " + op);
        }
        assertTrue(ops.indexOf(new LaunchOp.MakeDirectories("/srv/app", 0755)) >= 0, "the working directory is created");
    }

    @Test
    void aWritableRootIsNotRemounted() {
        List<LaunchOp> ops = containerThenLockdown(contribute(new TestSpecs().build()));
        assertFalse(ops.stream().anyMatch(op -> op instanceof LaunchOp.Mount m && m.target().equals("/")), ops::toString);
    }

    @Test
    void theRootNeedsNoMkdirAsAWorkingDirectory() {
        List<LaunchOp> ops = contribute(new TestSpecs().build()).ops(Phase.CONTAINER);
        assertFalse(ops.contains(new LaunchOp.MakeDirectories("/", 0755)), ops::toString);
    }

    @Test
    void joiningAMountNamespaceTouchesNoMount() {
        ContainerSpec spec = new TestSpecs().joining(NamespaceType.MOUNT, Path.of("/proc/7/ns/mnt")).build();
        LaunchPlan plan = TestSpecs.finish(contribute(spec), spec);
        assertEquals(Map.of(NamespaceType.MOUNT, Path.of("/proc/7/ns/mnt")), plan.joins());
        assertFalse(plan.newNamespaces().contains(NamespaceType.MOUNT));
        assertEquals(1, plan.ops().size(), "only the exec: " + plan.ops());
    }
}
