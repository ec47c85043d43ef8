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
import dev.contedor.api.spec.RootSpec;
import dev.contedor.api.spec.UtsNames;
import dev.contedor.api.spec.CgroupSpec;
import dev.contedor.api.spec.FilesystemSpec;
import dev.contedor.host.HostWarnings;
import dev.contedor.api.state.ContainerState;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
     * Checks everything that can be checked before the root filesystem is prepared (which may
     * be slow), once: hostname, environment, working directory, user syntax, resources, cgroup
     * parent, capabilities against what the runtime holds (one warning names those it lacks).
     */
    public static CheckedRequest check(RunRequest request, HostFacts host) {
        Optional<String> hostname = checkName("--hostname", request.hostname(), request.uts());
        checkName("--domainname", request.domainname(), request.uts());
        request.workdir().ifPresent(SpecFactory::absoluteWorkdir);
        request.user().ifPresent(u -> ContainerUser.check("--user", u));
        Map<String, String> env = userEnvironment(request.env());
        Resources resources = new ResourceParser(host.cpus()).parse(request.resources(), request.privileged());
        Annotations.check(request.annotations());
        return new CheckedRequest(request, hostname, env, resources, cgroupParent(request.cgroupParent()),
                capabilities(request, host.capabilities()), host);
    }

    /** The spec of a container on a prepared root filesystem, with its image's defaults where the user gave none. */
    public static ContainerSpec create(String id, ContainerRootfs rootfs, CheckedRequest checked) {
        RunRequest request = checked.request();
        ImageDefaults image = rootfs.defaults();
        List<String> command = command(request, image);
        Optional<String> hostname = request.uts() == NamespaceMode.HOST ? Optional.empty()
                : Optional.of(checked.hostname().orElse(id.substring(0, Math.min(12, id.length()))));
        String cwd = request.workdir().or(image::workingDir).orElse("/");
        absoluteWorkdir(cwd);
        ContainerUser.Resolved user = request.user().map(u -> ContainerUser.resolve("--user", u, rootfs))
                .or(() -> image.user().map(u -> ContainerUser.resolve("the image's user", u, rootfs)))
                .orElseGet(() -> ContainerUser.resolve("the default user", "0", rootfs));
        ProcessSpec process = new ProcessSpec(request.terminal(), request.interactive(), command,
                environment(checked, image, user, hostname), cwd, user.user(), checked.capabilities(),
                request.noNewPrivileges());

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
                mounts.add(m.withOptions(rw));
            } else {
                mounts.add(m);
            }
        }
        boolean hostNetwork = request.network() == NamespaceMode.HOST;
        FilesystemSpec filesystem = new FilesystemSpec(mounts,
                request.privileged() ? List.of() : DockerDefaults.MASKED_PATHS,
                request.privileged() ? List.of() : DockerDefaults.READONLY_PATHS,
                EtcFiles.of(hostname.orElse(checked.host().hostname()), hostNetwork, checked.host()));
        String cgroupPath = checked.cgroupParent() + "/" + id;
        // the user's annotations, checked by check(), then contedor's own
        Map<String, String> annotations = new LinkedHashMap<>(request.annotations());
        annotations.put(ContainerState.CGROUP_PATH, cgroupPath);
        rootfs.image().ifPresent(imageId -> annotations.put(ContainerState.IMAGE, imageId));
        return new ContainerSpec(id, new RootSpec(rootfs.root(), request.readOnly(), rootfs.overlay()), process,
                new UtsNames(hostname, request.domainname()), filesystem, namespaces,
                new CgroupSpec(cgroupPath, checked.resources()), annotations);
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

    /** A name for the UTS namespace ({@code --hostname}, {@code --domainname}), validated; none with the host's namespace. */
    static Optional<String> checkName(String flag, Optional<String> requested, NamespaceMode uts) {
        if (requested.isEmpty()) {
            return requested;
        }
        String name = requested.get();
        if (uts == NamespaceMode.HOST) {
            throw ContedorException.runtime(flag + " cannot be used with --uts host: the host's names are shared");
        }
        if (name.length() > HOSTNAME_MAX) {
            throw ContedorException.runtime(flag + " " + name + ": too long (" + name.length()
                    + " characters, the kernel allows " + HOSTNAME_MAX + ")");
        }
        if (!HOSTNAME.matcher(name).matches()) {
            throw ContedorException.runtime(flag + " " + name + ": not a valid name (letters, digits and "
                    + "hyphens, in dot-separated labels that neither start nor end with a hyphen)");
        }
        return requested;
    }

    /** {@code -e KEY=VALUE}, each checked. */
    private static Map<String, String> userEnvironment(List<String> given) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : given) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw ContedorException.runtime("-e " + kv + ": expected KEY=VALUE");
            }
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return env;
    }

    /** docker's order: PATH, the image's variables, HOSTNAME, TERM, HOME (from passwd), then -e, each overriding the earlier. */
    private static List<String> environment(CheckedRequest checked, ImageDefaults image, ContainerUser.Resolved user,
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
        if (checked.request().terminal()) {
            env.put("TERM", "xterm");
        }
        env.putIfAbsent("HOME", user.home().orElse(user.user().uid() == 0 ? "/root" : "/"));
        env.putAll(checked.env());
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /**
     * docker's defaults, {@code --cap-add}, {@code --cap-drop} or all with {@code --privileged},
     * within what the runtime holds: the kernel grants no other, so those it lacks are left
     * out here, with one warning that names them, rather than silently by the stage.
     */
    static Set<Capability> capabilities(RunRequest request, Set<Capability> held) {
        Set<Capability> caps;
        if (request.privileged()) {
            caps = EnumSet.allOf(Capability.class);
        } else {
            caps = request.allCapsDropped() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(DockerDefaults.CAPABILITIES);
            caps.removeAll(request.capDrop());
            caps.addAll(request.capAdd());
        }
        Set<Capability> lacking = caps.stream().filter(c -> !held.contains(c))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Capability.class)));
        if (!lacking.isEmpty()) {
            caps.removeAll(lacking);
            HostWarnings.once("the runtime lacks " + lacking.stream().map(Capability::ociName)
                    .collect(Collectors.joining(", ")) + " in its bounding set: the container runs without "
                    + (lacking.size() == 1 ? "it" : "them"));
        }
        return caps;
    }
}
