package dev.contedor.api.launch;

import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.DockerDefaults;
import dev.contedor.api.spec.NamespaceType;
import dev.contedor.api.spec.User;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One step the native stage performs in the container's init process, between clone and
 * execve: the closed catalogue of child-side primitives that isolators, built-in and plugin
 * alike, compose (plugins never ship C). Each record checks its own arguments when made and
 * throws a {@link InvalidLaunchOpException} that names the step and the fix; the stage only
 * interprets them and has no policy of its own. {@link #describe()} is what
 * {@code run --explain} prints.
 */
public sealed interface LaunchOp {

    /** One line, in the words of the course: what the step does. */
    String describe();

    /** Wait until the parent has run its hooks (cgroups, id maps, network) and says go. */
    record AwaitParent() implements LaunchOp {
        public String describe() {
            return "wait for the runtime to finish parent-side setup";
        }
    }

    /**
     * {@code mount(source, target, fstype, flags, data)}: a file system ({@code proc},
     * {@code sysfs}, {@code tmpfs}, ...), a bind mount of a path the child sees
     * ({@link MountFlags#BIND}, read-only and the other per-mount flags applied by the
     * remount the kernel needs), or, with only propagation flags, a propagation change.
     */
    record Mount(String source, String target, String fstype, long flags, String data) implements LaunchOp {
        public Mount {
            Checks.absolute("mount", target);
            Checks.text("mount " + target, source);
            Checks.text("mount " + target, fstype);
            Checks.text("mount " + target, data);
            if (!isPropagationChange(flags) && (flags & (MountFlags.BIND | MountFlags.REMOUNT)) == 0 && fstype.isEmpty()) {
                throw new InvalidLaunchOpException("mount on " + target + ": no file system type; give one (proc, "
                        + "sysfs, tmpfs, ...), or the bind flag for a bind mount");
            }
        }

        /** Only propagation flags (and {@code REC}): the mount's propagation changes, nothing is mounted. */
        public boolean isPropagationChange() {
            return isPropagationChange(flags);
        }

        private static boolean isPropagationChange(long flags) {
            return (flags & MountFlags.PROPAGATION) != 0 && (flags & ~(MountFlags.PROPAGATION | MountFlags.REC)) == 0;
        }

        public String describe() {
            if (isPropagationChange()) {
                return "make mount propagation of " + target + " " + MountFlags.describe(flags);
            }
            String opts = MountFlags.describe(flags);
            if (!data.isEmpty()) {
                opts = opts.isEmpty() ? data : opts + "," + data;
            }
            String what = fstype.isEmpty() ? source.isEmpty() ? target : source
                    : source.isEmpty() || source.equals(fstype) ? fstype : fstype + " (" + source + ")";
            String verb = (flags & MountFlags.REMOUNT) != 0 ? "remount " + target : "mount " + what + " on " + target;
            return verb + (opts.isEmpty() ? "" : " [" + opts + "]");
        }
    }

    /**
     * Clone a bind mount of a host path (open_tree) into slot {@code slot} before pivot_root,
     * so that a later {@link BindHeld} can attach it inside the container.
     */
    record HoldHostPath(String hostPath, int slot) implements LaunchOp {
        public HoldHostPath {
            Checks.absolute("hold host path", hostPath);
            Checks.slot(slot);
        }

        public String describe() {
            return "take a bind mount of host path " + hostPath + " to attach after pivot_root";
        }
    }

    /** Bind-mount the path held in {@code slot} onto a container path (which must exist). */
    record BindHeld(int slot, String target, boolean readOnly) implements LaunchOp {
        public BindHeld {
            Checks.slot(slot);
            Checks.absolute("bind", target);
        }

        public String describe() {
            return "attach held bind mount #" + slot + " on " + target + (readOnly ? " [ro]" : "");
        }
    }

    /** {@code mkdir -p} with that mode for the directories it creates. */
    record MakeDirectories(String path, int mode) implements LaunchOp {
        public MakeDirectories {
            Checks.absolute("mkdir", path);
            Checks.mode("mkdir " + path, mode);
        }

        public String describe() {
            return "mkdir -p " + path;
        }
    }

    /** Create an empty file if none exists (a mount point for a file bind mount). */
    record MakeFile(String path, int mode) implements LaunchOp {
        public MakeFile {
            Checks.absolute("create file", path);
            Checks.mode("create file " + path, mode);
        }

        public String describe() {
            return "create file " + path;
        }
    }

    /** Write a whole file (created or truncated), without following a final symlink. */
    record WriteFile(String path, byte[] content, int mode) implements LaunchOp {
        public WriteFile {
            Checks.absolute("write", path);
            Checks.mode("write " + path, mode);
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WriteFile w && w.path.equals(path) && w.mode == mode && Arrays.equals(w.content, content);
        }

        @Override
        public int hashCode() {
            return path.hashCode() * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "WriteFile[" + path + ", " + content.length + " bytes]";
        }

        public String describe() {
            return "write " + path + " (" + content.length + " bytes, mode " + Integer.toOctalString(mode) + ")";
        }
    }

    /** {@code ln -s target link}; an existing link is left as it is. */
    record Symlink(String target, String link) implements LaunchOp {
        public Symlink {
            Checks.text("symlink " + link, target);
            Checks.absolute("symlink", link);
        }

        public String describe() {
            return "symlink " + link + " -> " + target;
        }
    }

    /** {@code mknod} a character device, then set its mode and owner. */
    record MakeDevice(String path, int major, int minor, int mode, int uid, int gid) implements LaunchOp {
        public MakeDevice {
            Checks.absolute("mknod", path);
            Checks.mode("mknod " + path, mode);
        }

        public String describe() {
            return "mknod " + path + " c " + major + " " + minor;
        }
    }

    /** Make {@code newRoot} the root: {@code pivot_root} and detach the old root. */
    record PivotRoot(String newRoot) implements LaunchOp {
        public PivotRoot {
            Checks.absolute("pivot_root", newRoot);
        }

        public String describe() {
            return "pivot_root to " + newRoot + " and detach the old root";
        }
    }

    /** Hide a path: /dev/null bound over a file, an empty read-only tmpfs over a directory; absent paths are skipped. */
    record MaskPath(String path) implements LaunchOp {
        public MaskPath {
            Checks.absolute("mask", path);
        }

        public String describe() {
            return "mask " + path;
        }
    }

    /**
     * Bind a path onto itself, then remount it with {@code flags} (which must hold
     * {@link MountFlags#RDONLY}; docker also adds nosuid, nodev and noexec); absent paths are skipped.
     */
    record ReadonlyPath(String path, long flags) implements LaunchOp {
        /** docker's flags for its read-only paths. */
        public static final long DOCKER_FLAGS = MountFlags.RDONLY | MountFlags.NOSUID | MountFlags.NODEV | MountFlags.NOEXEC;

        public ReadonlyPath {
            Checks.absolute("read-only path", path);
            if ((flags & MountFlags.RDONLY) == 0 || (flags & ~MountFlags.PER_MOUNT) != 0) {
                throw new InvalidLaunchOpException("read-only path " + path + ": flags must include ro and only "
                        + "per-mount flags (ro, nosuid, nodev, noexec, atime ones), got " + MountFlags.describe(flags));
            }
        }

        public String describe() {
            return "make " + path + " read-only [" + MountFlags.describe(flags) + "]";
        }
    }

    /** {@code sethostname}. */
    record SetHostname(String hostname) implements LaunchOp {
        public SetHostname {
            Checks.name("hostname", hostname);
        }

        public String describe() {
            return "set hostname to " + hostname;
        }
    }

    /** {@code setdomainname}. */
    record SetDomainname(String domainname) implements LaunchOp {
        public SetDomainname {
            Checks.name("domain name", domainname);
        }

        public String describe() {
            return "set domain name to " + domainname;
        }
    }

    /**
     * {@code unshare} a namespace in the child, after the parent's hooks: a cgroup namespace
     * made after the init joined its cgroups shows those as its root.
     */
    record Unshare(NamespaceType type) implements LaunchOp {
        public String describe() {
            return "unshare a new " + type.procName() + " namespace";
        }
    }

    /** Bring a network interface up (IFF_UP). */
    record InterfaceUp(String name) implements LaunchOp {
        public InterfaceUp {
            if (name.isEmpty() || name.length() > 15 || name.contains("/") || name.isBlank()) {
                throw new InvalidLaunchOpException("interface up " + name + ": an interface name has 1 to 15 "
                        + "characters and no slash");
            }
        }

        public String describe() {
            return "bring network interface " + name + " up";
        }
    }

    /**
     * Open a pseudo-terminal from the container's own devpts, hand the master to the runtime,
     * make the slave the controlling terminal and stdio, and bind it on /dev/console.
     */
    record Console() implements LaunchOp {
        public String describe() {
            return "open a terminal in the container's devpts and make it the controlling terminal";
        }
    }

    /**
     * Write a sysctl of the container's own namespaces ({@code /proc/sys/...}). Only
     * namespaced sysctls are accepted, as runc and docker allow them: {@code net.*} (the
     * container needs its own network namespace), {@code kernel.shm*}, {@code kernel.msg*},
     * {@code kernel.sem} and {@code fs.mqueue.*} (its own IPC namespace). Runs before the
     * read-only paths ({@link Phase#CONTAINER}), since {@code /proc/sys} becomes read-only.
     */
    record SetSysctl(String name, String value) implements LaunchOp {
        public SetSysctl {
            Sysctls.check(name, value);
        }

        /** The namespace the sysctl belongs to, which the container must have of its own. */
        public NamespaceType namespace() {
            return Sysctls.namespace(name);
        }

        /** The file under {@code /proc/sys}. */
        public String procPath() {
            return "/proc/sys/" + name.replace('.', '/');
        }

        public String describe() {
            return "sysctl " + name + " = " + value;
        }
    }

    /**
     * {@code setrlimit}: lowers a resource limit of the init (and so of the command). Only
     * lowering is possible here: raising a hard limit needs CAP_SYS_RESOURCE, which root may
     * lack; the engine checks the hard limit against the runtime's own before launch.
     *
     * @param soft the soft limit, or {@link #UNLIMITED}
     * @param hard the hard limit, or {@link #UNLIMITED}; not below {@code soft}
     */
    record SetRlimit(Rlimit resource, long soft, long hard) implements LaunchOp {
        /** RLIM_INFINITY. */
        public static final long UNLIMITED = -1;

        public SetRlimit {
            if (soft < UNLIMITED || hard < UNLIMITED) {
                throw new InvalidLaunchOpException("rlimit " + resource.ociName() + ": a limit is a number of at "
                        + "least 0, or SetRlimit.UNLIMITED");
            }
            if (hard != UNLIMITED && (soft == UNLIMITED || soft > hard)) {
                throw new InvalidLaunchOpException("rlimit " + resource.ociName() + ": soft limit " + word(soft)
                        + " above hard limit " + word(hard) + "; give a soft limit at most the hard one");
            }
        }

        static String word(long limit) {
            return limit == UNLIMITED ? "unlimited" : Long.toString(limit);
        }

        public String describe() {
            return "setrlimit " + resource.ociName() + " soft " + word(soft) + " hard " + word(hard);
        }
    }

    /** {@code prctl(option, value)} for one of the few options a container may set ({@link Prctl}). */
    record SetPrctl(Prctl option, long value) implements LaunchOp {
        public SetPrctl {
            option.check(value);
        }

        public String describe() {
            return "prctl " + option.kernelName() + " " + value;
        }
    }

    /** Drop every capability not in {@code keep} from the bounding set. */
    record LimitBoundingSet(Set<Capability> keep) implements LaunchOp {
        public LimitBoundingSet {
            keep = Set.copyOf(keep);
        }

        public String describe() {
            return "limit the capability bounding set to " + names(keep);
        }
    }

    /** {@code setgroups}, {@code setgid}, {@code setuid}, keeping permitted capabilities across. */
    record SetIdentity(User user) implements LaunchOp {
        public String describe() {
            return "switch to uid " + user.uid() + ", gid " + user.gid()
                    + (user.additionalGids().isEmpty() ? "" : ", groups " + user.additionalGids());
        }
    }

    /**
     * Set the effective and permitted capabilities to {@code keep}; inheritable and ambient
     * become empty. The set must be one the runtime holds: the engine intersects it with the
     * runtime's bounding set first, with a warning, and the stage never drops one silently.
     */
    record SetCapabilities(Set<Capability> keep) implements LaunchOp {
        public SetCapabilities {
            keep = Set.copyOf(keep);
        }

        public String describe() {
            return "keep capabilities " + names(keep);
        }
    }

    /**
     * Drop one capability for good: from the bounding set and the effective, permitted,
     * inheritable and ambient sets. The plan also takes it out of its
     * {@link LimitBoundingSet} and {@link SetCapabilities}, wherever they are.
     */
    record DropCapability(Capability capability) implements LaunchOp {
        public String describe() {
            return "drop capability " + capability.ociName();
        }
    }

    /** {@code chdir}. */
    record ChangeDirectory(String path) implements LaunchOp {
        public ChangeDirectory {
            Checks.absolute("chdir", path);
        }

        public String describe() {
            return "chdir to " + path;
        }
    }

    /** {@code execve}, looking {@code args[0]} up in {@link #searchPath()} when it has no slash. */
    record Exec(List<String> args, List<String> env) implements LaunchOp {
        public Exec {
            args = List.copyOf(args);
            env = List.copyOf(env);
            if (args.isEmpty()) {
                throw new InvalidLaunchOpException("exec: no command; give at least the program to run");
            }
        }

        /** The PATH of {@link #env()}, else docker's default ({@link DockerDefaults#PATH}): the only default. */
        public String searchPath() {
            return env.stream().filter(v -> v.startsWith("PATH=")).reduce((first, last) -> last)
                    .map(v -> v.substring(5)).orElse(DockerDefaults.PATH);
        }

        public String describe() {
            return "exec " + String.join(" ", args);
        }
    }

    private static String names(Set<Capability> caps) {
        if (caps.isEmpty()) {
            return "(none)";
        }
        return new TreeSet<>(caps).stream().map(Capability::ociName).collect(Collectors.joining(","));
    }
}
