package dev.contedor.namespaces.isolators;

import dev.contedor.api.cgroup.DeviceMapping;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.MountFlags;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.spec.ContainerFile;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.FilesystemSpec;
import dev.contedor.api.spec.MountSpec;
import dev.contedor.api.spec.NamespaceType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The container's file system view, in a mount namespace of its own: every mount made
 * private, the root filesystem bound onto itself and made the root with pivot_root (not
 * chroot, which a process can climb out of), then, with container paths that cannot escape
 * the new root, the spec's mounts (/proc from inside the new PID namespace, a minimal /dev,
 * /sys read-only, ...), the standard device nodes, the files the engine provides
 * (/etc/hostname, /etc/hosts, /etc/resolv.conf), and docker's masked and read-only paths.
 * It reads nothing of the host: the spec holds all it needs.
 */
public final class MountIsolator extends NamespaceIsolator {
    /** The devices docker gives every container: name, major, minor. */
    private static final List<Device> DEVICES = List.of(
            new Device("/dev/null", 1, 3), new Device("/dev/zero", 1, 5), new Device("/dev/full", 1, 7),
            new Device("/dev/random", 1, 8), new Device("/dev/urandom", 1, 9), new Device("/dev/tty", 5, 0));
    private static final List<String[]> DEV_LINKS = List.of(
            new String[] {"pts/ptmx", "/dev/ptmx"}, new String[] {"/proc/self/fd", "/dev/fd"},
            new String[] {"/proc/self/fd/0", "/dev/stdin"}, new String[] {"/proc/self/fd/1", "/dev/stdout"},
            new String[] {"/proc/self/fd/2", "/dev/stderr"}, new String[] {"/proc/kcore", "/dev/core"});

    /** /etc/hostname, /etc/hosts and /etc/resolv.conf are bound read-only (see {@link #provideEtcFiles}). */
    static final boolean PROVIDED_FILES_READ_ONLY = true;

    private record Device(String path, int major, int minor) {
    }

    public MountIsolator() {
        super(NamespaceType.MOUNT);
    }

    @Override
    public String name() {
        return "mount";
    }

    @Override
    void contributeInside(ContainerSpec spec, LaunchPlan.Builder plan) {
        if (spec.namespace(NamespaceType.MOUNT).orElseThrow().path().isPresent()) {
            return; // joining a container's mount namespace: its root is already set up
        }
        String root = spec.root().path().toString();
        plan.add(Phase.ROOTFS, new LaunchOp.Mount("", "/", "", MountFlags.REC | MountFlags.PRIVATE, ""));
        if (spec.root().overlay().isPresent()) {
            // mounted here, in the container's own mount namespace: the host never sees it, and
            // it goes away with the namespace
            // nodev (as podman's storage.conf mounts it; docker does not): a device node made in the
            // container's layer, or shipped in an image, cannot be opened; only /dev, a tmpfs of
            // the nodes contedor makes, holds usable ones. --privileged keeps docker's behaviour.
            long flags = spec.cgroup().resources().allowAllDevices() ? 0 : MountFlags.NODEV;
            plan.add(Phase.ROOTFS, new LaunchOp.Mount("overlay", root, "overlay", flags,
                    spec.root().overlay().get().mountOptions()));
        } else {
            plan.add(Phase.ROOTFS, new LaunchOp.Mount(root, root, "", MountFlags.BIND | MountFlags.REC, ""));
        }
        plan.add(Phase.PIVOT, new LaunchOp.PivotRoot(root));

        FilesystemSpec fs = spec.filesystem();
        for (MountSpec mount : fs.mounts()) {
            addMount(mount, plan);
        }
        List<DeviceMapping> given = spec.cgroup().resources().devices();
        if (fs.mounts().stream().anyMatch(m -> m.destination().equals("/dev"))) {
            for (Device d : DEVICES) {
                if (given.stream().anyMatch(g -> g.containerPath().equals(d.path()))) {
                    continue; // --device names this path: the user's node wins, as in docker
                }
                plan.add(Phase.CONTAINER, new LaunchOp.MakeDevice(d.path(), d.major(), d.minor(), 0666, 0, 0));
            }
            for (String[] link : DEV_LINKS) {
                plan.add(Phase.CONTAINER, new LaunchOp.Symlink(link[0], link[1]));
            }
        }
        given.forEach(device -> addDevice(device, plan));
        if (!fs.files().isEmpty()) {
            plan.add(Phase.CONTAINER, new LaunchOp.MakeDirectories("/etc", 0755));
        }
        // read-only, where docker binds them writable: the files live in the state folder on the
        // host's /run, a tmpfs the host itself needs, which a container must not be able to fill
        for (ContainerFile file : fs.files()) {
            plan.provideFile(file.path(), file.content().getBytes(StandardCharsets.UTF_8), PROVIDED_FILES_READ_ONLY);
        }
        // as docker: a working directory missing from the image is created (the root always exists)
        if (!spec.process().cwd().equals("/")) {
            plan.add(Phase.CONTAINER, new LaunchOp.MakeDirectories(spec.process().cwd(), 0755));
        }
        fs.maskedPaths().forEach(p -> plan.add(Phase.LOCKDOWN, new LaunchOp.MaskPath(p)));
        fs.readonlyPaths().forEach(p -> plan.add(Phase.LOCKDOWN,
                new LaunchOp.ReadonlyPath(p, LaunchOp.ReadonlyPath.DOCKER_FLAGS)));
        if (spec.root().readonly()) {
            plan.add(Phase.LOCKDOWN, new LaunchOp.Mount("", "/", "",
                    MountFlags.BIND | MountFlags.REMOUNT | MountFlags.RDONLY, ""));
        }
    }

    /**
     * A file system, or a bind mount of a host path: held across pivot_root, then bound in
     * over a folder or a file, whichever the mount's {@link MountSpec#sourceIsFolder} says.
     */
    private static void addMount(MountSpec mount, LaunchPlan.Builder plan) {
        MountFlags.Parsed parsed = MountFlags.parse(mount.options());
        if ((parsed.flags() & MountFlags.BIND) != 0) {
            int slot = plan.holdHostPath(Path.of(mount.source()));
            plan.add(Phase.CONTAINER, mount.sourceIsFolder()
                    ? new LaunchOp.MakeDirectories(mount.destination(), 0755)
                    : new LaunchOp.MakeFile(mount.destination(), 0644));
            plan.add(Phase.CONTAINER, new LaunchOp.BindHeld(slot, mount.destination(),
                    (parsed.flags() & MountFlags.RDONLY) != 0));
            return;
        }
        plan.add(Phase.CONTAINER, new LaunchOp.MakeDirectories(mount.destination(), 0755));
        plan.add(Phase.CONTAINER, new LaunchOp.Mount(mount.source(), mount.destination(), mount.type(),
                parsed.flags(), parsed.data()));
    }

    /**
     * A {@code --device} node: a character device is made with mknod, as the standard ones are;
     * a block device (which the stage's mknod step does not make) is the host's node bound in.
     * Either way the cgroup allows it (the devices controller reads the same mapping).
     */
    private static void addDevice(DeviceMapping device, LaunchPlan.Builder plan) {
        String parent = Path.of(device.containerPath()).getParent().toString();
        if (!parent.equals("/dev")) {
            plan.add(Phase.CONTAINER, new LaunchOp.MakeDirectories(parent, 0755));
        }
        if (device.type() == 'c') {
            plan.add(Phase.CONTAINER, new LaunchOp.MakeDevice(device.containerPath(), device.major(), device.minor(),
                    device.mode(), device.uid(), device.gid()));
        } else {
            int slot = plan.holdHostPath(Path.of(device.hostPath()));
            plan.add(Phase.CONTAINER, new LaunchOp.MakeFile(device.containerPath(), 0600));
            plan.add(Phase.CONTAINER, new LaunchOp.BindHeld(slot, device.containerPath(), false));
        }
    }
}
