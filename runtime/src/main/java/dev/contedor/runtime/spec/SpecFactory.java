package dev.contedor.runtime.spec;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.rootfs.ContainerRootfs;
import dev.contedor.api.rootfs.ImageDefaults;
import dev.contedor.api.rootfs.RootfsSource;
import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.DockerDefaults;
import dev.contedor.api.spec.MountSpec;
import dev.contedor.api.spec.NamespaceSpec;
import dev.contedor.api.spec.NamespaceType;
import dev.contedor.api.spec.ProcessSpec;
import dev.contedor.api.spec.User;
import dev.contedor.api.state.ContainerState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link RunRequest} into a {@link ContainerSpec} the way docker fills in a
 * container's config: its default mounts, capabilities, masked and read-only paths,
 * namespaces, environment. Checks what can be checked before anything is created.
 */
public final class SpecFactory {
    /** RFC 1123 labels, as docker validates --hostname. */
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final int HOSTNAME_MAX = 64;

    private SpecFactory() {
    }

    /**
     * Checks what can be checked before the root filesystem is prepared (which may be slow):
     * hostname, environment, working directory, resources, cgroup parent.
     */
    public static void check(String id, RunRequest request) {
        validHostname(request.hostname().orElse(null), request.uts(), id);
        request.workdir().ifPresent(SpecFactory::absoluteWorkdir);
        request.user().ifPresent(u -> ContainerUser.check("--user", u));
        environment(request, ImageDefaults.NONE, new ContainerUser.Resolved(User.ROOT, Optional.empty()),
                Optional.empty());
        new ResourceParser(ResourceParser.HostCpus.read()).parse(request.resources(), request.privileged());
        cgroupParent(request.cgroupParent());
        Annotations.check(request.annotations());
    }

    /** The spec of a container on a root filesystem (the root as it is, without image defaults). */
    public static ContainerSpec create(String id, Path rootfs, RunRequest request) {
        return create(id, ContainerRootfs.folder(rootfs), request);
    }

    /** The spec of a container on a prepared root filesystem, with its image's defaults where the user gave none. */
    public static ContainerSpec create(String id, ContainerRootfs rootfs, RunRequest request) {
        ImageDefaults image = rootfs.defaults();
        List<String> command = command(request, image);
        Optional<String> hostname = validHostname(request.hostname().orElse(null), request.uts(), id);
        String cwd = request.workdir().or(image::workingDir).orElse("/");
        absoluteWorkdir(cwd);
        ContainerUser.Resolved user = request.user().map(u -> ContainerUser.resolve("--user", u, rootfs))
                .or(() -> image.user().map(u -> ContainerUser.resolve("the image's user", u, rootfs)))
                .orElseGet(() -> ContainerUser.resolve("the default user", "0", rootfs));
        ProcessSpec process = new ProcessSpec(request.terminal(), request.interactive(), command,
                environment(request, image, user, hostname), cwd, user.user(), capabilities(request), false);

        List<NamespaceSpec> namespaces = new ArrayList<>();
        namespaces.add(NamespaceSpec.create(NamespaceType.MOUNT));
        namespaces.add(NamespaceSpec.create(NamespaceType.CGROUP));
        addUnlessHost(namespaces, NamespaceType.PID, request.pid());
        addUnlessHost(namespaces, NamespaceType.IPC, request.ipc());
        addUnlessHost(namespaces, NamespaceType.UTS, request.uts());
        addUnlessHost(namespaces, NamespaceType.NETWORK, request.network());

        List<MountSpec> mounts = new ArrayList<>();
        for (MountSpec m : DockerDefaults.MOUNTS) {
            if (m.destination().equals("/sys") && request.privileged()) {
                List<String> rw = new ArrayList<>(m.options());
                rw.remove("ro");
                mounts.add(new MountSpec(m.destination(), m.type(), m.source(), rw));
            } else {
                mounts.add(m);
            }
        }
        Resources resources = new ResourceParser(ResourceParser.HostCpus.read()).parse(request.resources(),
                request.privileged());
        String cgroupPath = cgroupParent(request.cgroupParent()) + "/" + id;
        Map<String, String> annotations = new LinkedHashMap<>(Annotations.check(request.annotations()));
        annotations.put(ContainerState.CGROUP_PATH, cgroupPath);
        rootfs.image().ifPresent(imageId -> annotations.put(ContainerState.IMAGE, imageId));
        return new ContainerSpec(id, rootfs.root(), request.readOnly(), process, hostname, Optional.empty(), mounts,
                namespaces, request.privileged() ? List.of() : DockerDefaults.MASKED_PATHS,
                request.privileged() ? List.of() : DockerDefaults.READONLY_PATHS,
                annotations, resources, cgroupPath, rootfs.overlay());
    }

    /**
     * docker's rule: the entrypoint (--entrypoint, else the image's) followed by the user's
     * arguments, else the image's Cmd; --entrypoint drops the image's Cmd.
     */
    static List<String> command(RunRequest request, ImageDefaults image) {
        List<String> entrypoint = request.entrypoint()
                .map(e -> e.isEmpty() ? List.<String>of() : List.of(e))
                .orElse(image.entrypoint());
        List<String> args = !request.command().isEmpty() ? request.command()
                : request.entrypoint().isPresent() ? List.of() : image.cmd();
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(args);
        if (command.isEmpty()) {
            throw ContedorException.runtime(request.rootfs() instanceof RootfsSource.Image i
                    ? "no command given and the image " + i.reference() + " has none: give one after the image, "
                            + "e.g. contedor run " + i.reference() + " -- sh -c 'echo hi'"
                    : "no command given: put it after the options, e.g. contedor run -- sh -c 'echo hi'");
        }
        return command;
    }

    private static void absoluteWorkdir(String cwd) {
        if (!cwd.startsWith("/")) {
            throw ContedorException.runtime("--workdir " + cwd + ": the working directory must be an absolute path");
        }
    }

    /** A relative folder below each hierarchy's root; docker's leading slash is accepted. */
    static String cgroupParent(Optional<String> requested) {
        String parent = requested.orElse(ContainerSpec.DEFAULT_CGROUP_PARENT).strip();
        while (parent.startsWith("/")) {
            parent = parent.substring(1);
        }
        while (parent.endsWith("/")) {
            parent = parent.substring(0, parent.length() - 1);
        }
        if (parent.isEmpty() || !parent.matches("[A-Za-z0-9._/-]+") || List.of(parent.split("/")).contains("..")) {
            throw ContedorException.runtime("--cgroup-parent " + requested.orElse("") + ": give a folder name such as "
                    + "contedor or my/containers (letters, digits, . _ - and /, no ..)");
        }
        return parent;
    }

    private static void addUnlessHost(List<NamespaceSpec> namespaces, NamespaceType type, NamespaceMode mode) {
        if (mode != NamespaceMode.HOST) {
            namespaces.add(NamespaceSpec.create(type));
        }
    }

    /** The hostname: the user's, validated, else the short id; none with the host's UTS namespace. */
    static Optional<String> validHostname(String requested, NamespaceMode uts, String id) {
        if (uts == NamespaceMode.HOST) {
            if (requested != null) {
                throw ContedorException.runtime("--hostname cannot be used with --uts host: the host's name is shared");
            }
            return Optional.empty();
        }
        if (requested == null) {
            return Optional.of(id.substring(0, Math.min(12, id.length())));
        }
        if (requested.length() > HOSTNAME_MAX) {
            throw ContedorException.runtime("--hostname " + requested + ": too long (" + requested.length()
                    + " characters, the kernel allows " + HOSTNAME_MAX + ")");
        }
        if (!HOSTNAME.matcher(requested).matches()) {
            throw ContedorException.runtime("--hostname " + requested + ": not a valid hostname (letters, digits and "
                    + "hyphens, in dot-separated labels that neither start nor end with a hyphen)");
        }
        return Optional.of(requested);
    }

    /** docker's order: PATH, the image's variables, HOSTNAME, TERM, HOME (from passwd), then -e, each overriding the earlier. */
    private static List<String> environment(RunRequest request, ImageDefaults image, ContainerUser.Resolved user,
                                            Optional<String> hostname) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DockerDefaults.PATH);
        for (String kv : image.env()) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        hostname.ifPresent(h -> env.put("HOSTNAME", h));
        if (request.terminal()) {
            env.put("TERM", "xterm");
        }
        env.putIfAbsent("HOME", user.home().orElse(user.user().uid() == 0 ? "/root" : "/"));
        for (String kv : request.env()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw ContedorException.runtime("-e " + kv + ": expected KEY=VALUE");
            }
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    private static Set<Capability> capabilities(RunRequest request) {
        if (request.privileged()) {
            return EnumSet.allOf(Capability.class);
        }
        Set<Capability> caps = request.allCapsDropped() ? EnumSet.noneOf(Capability.class)
                : EnumSet.copyOf(DockerDefaults.CAPABILITIES);
        caps.removeAll(request.capDrop());
        caps.addAll(request.capAdd());
        return caps;
    }
}
