package dev.contedor.api.launch;

import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.User;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One step the native stage performs in the container's init process, between clone and
 * execve. The stage interprets these and has no policy of its own; every decision is made
 * in Java when the plan is built. {@link #describe()} is what {@code run --explain} prints.
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

    /** {@code mount(source, target, fstype, flags, data)}. */
    record Mount(String source, String target, String fstype, long flags, String data) implements LaunchOp {
        public String describe() {
            String opts = MountFlags.describe(flags);
            if (!data.isEmpty()) {
                opts = opts.isEmpty() ? data : opts + "," + data;
            }
            return "mount " + (fstype.isEmpty() ? source : fstype + " (" + source + ")") + " on " + target
                    + (opts.isEmpty() ? "" : " [" + opts + "]");
        }
    }

    /**
     * Clone a bind mount of a host path (open_tree) into slot {@code slot} before pivot_root,
     * so that a later {@link BindHeld} can attach it inside the container.
     */
    record HoldHostPath(String hostPath, int slot) implements LaunchOp {
        public String describe() {
            return "take a bind mount of host path " + hostPath + " to attach after pivot_root";
        }
    }

    /** Bind-mount the path held in {@code slot} onto a container path (created if missing). */
    record BindHeld(int slot, String target, boolean readOnly) implements LaunchOp {
        public String describe() {
            return "attach held bind mount #" + slot + " on " + target + (readOnly ? " [ro]" : "");
        }
    }

    /** {@code mkdir -p} with that mode for the directories it creates. */
    record MakeDirectories(String path, int mode) implements LaunchOp {
        public String describe() {
            return "mkdir -p " + path;
        }
    }

    /** Create an empty file if none exists (a mount point for a file bind mount). */
    record MakeFile(String path, int mode) implements LaunchOp {
        public String describe() {
            return "create file " + path;
        }
    }

    /** Write a whole file (created or truncated), without following a final symlink. */
    record WriteFile(String path, byte[] content, int mode) implements LaunchOp {
        public WriteFile {
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
            return "write " + path + " (" + content.length + " bytes)";
        }
    }

    /** {@code ln -s target link}. */
    record Symlink(String target, String link) implements LaunchOp {
        public String describe() {
            return "symlink " + link + " -> " + target;
        }
    }

    /** {@code mknod} a character device, then set its mode and owner. */
    record MakeDevice(String path, int major, int minor, int mode, int uid, int gid) implements LaunchOp {
        public String describe() {
            return "mknod " + path + " c " + major + " " + minor;
        }
    }

    /** Make {@code newRoot} the root: {@code pivot_root} and detach the old root. */
    record PivotRoot(String newRoot) implements LaunchOp {
        public String describe() {
            return "pivot_root to " + newRoot + " and detach the old root";
        }
    }

    /** Hide a path: /dev/null over a file, an empty read-only tmpfs over a directory; absent paths are skipped. */
    record MaskPath(String path) implements LaunchOp {
        public String describe() {
            return "mask " + path;
        }
    }

    /** Bind a path onto itself read-only; absent paths are skipped. */
    record ReadonlyPath(String path) implements LaunchOp {
        public String describe() {
            return "make " + path + " read-only";
        }
    }

    /** {@code sethostname}. */
    record SetHostname(String hostname) implements LaunchOp {
        public String describe() {
            return "set hostname to " + hostname;
        }
    }

    /** {@code setdomainname}. */
    record SetDomainname(String domainname) implements LaunchOp {
        public String describe() {
            return "set domain name to " + domainname;
        }
    }

    /**
     * {@code unshare} a namespace in the child, after the parent's hooks: a cgroup namespace
     * made after the init joined its cgroups shows those as its root.
     */
    record Unshare(dev.contedor.api.spec.NamespaceType type) implements LaunchOp {
        public String describe() {
            return "unshare a new " + type.procName() + " namespace";
        }
    }

    /** Bring a network interface up (IFF_UP). */
    record InterfaceUp(String name) implements LaunchOp {
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

    /** Set the effective and permitted capabilities to {@code keep}; inheritable and ambient become empty. */
    record SetCapabilities(Set<Capability> keep) implements LaunchOp {
        public SetCapabilities {
            keep = Set.copyOf(keep);
        }

        public String describe() {
            return "keep capabilities " + names(keep);
        }
    }

    /** {@code prctl(PR_SET_NO_NEW_PRIVS)}. */
    record NoNewPrivileges() implements LaunchOp {
        public String describe() {
            return "set no_new_privs";
        }
    }

    /** {@code chdir}. */
    record ChangeDirectory(String path) implements LaunchOp {
        public String describe() {
            return "chdir to " + path;
        }
    }

    /** {@code execve}, looking {@code args[0]} up in the PATH of {@code env} when it has no slash. */
    record Exec(List<String> args, List<String> env) implements LaunchOp {
        public Exec {
            args = List.copyOf(args);
            env = List.copyOf(env);
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
