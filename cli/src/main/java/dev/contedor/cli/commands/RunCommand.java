package dev.contedor.cli.commands;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.cli.Main;
import dev.contedor.cli.terminal.SignalForwarder;
import dev.contedor.runtime.Engine;
import dev.contedor.runtime.lifecycle.RunContainer;
import dev.contedor.runtime.lifecycle.RunOutcome;
import dev.contedor.runtime.spec.Annotations;
import dev.contedor.runtime.spec.NamespaceMode;
import dev.contedor.runtime.spec.ResourceFlags;
import dev.contedor.runtime.spec.RunRequest;
import dev.contedor.api.rootfs.RootfsSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code contedor run}: runs a command in a new container, in the foreground. */
@Command(name = "run", sortOptions = false, usageHelpAutoWidth = true,
        customSynopsis = {"contedor run [OPTIONS] IMAGE [--] [COMMAND [ARG...]]",
                "contedor run [OPTIONS] [--rootfs PATH] -- COMMAND [ARG...]"},
        description = {"Run a command in a new container, in the foreground.",
                "The root filesystem is an image of the store (see contedor image), --rootfs PATH, or, when "
                        + "the command follows -- directly, the built-in one.",
                "The container's exit code becomes contedor's; 125 means contedor failed, 126 the command "
                        + "cannot be executed, 127 it was not found."},
        footer = {"", "Examples:",
                "  contedor run --rm debian:bookworm -- cat /etc/debian_version",
                "  contedor run --rm --hostname contedor-a-man -- sh",
                "  contedor run -it --rootfs rootfs.tar.gz -- /bin/bash",
                "  contedor run --explain -- sh -c 'echo hi'"})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main parent;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--rm", description = "Remove the container when it exits.")
    boolean remove;

    @Option(names = {"-i", "--interactive"}, description = "Keep standard input attached.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the command a pseudo-terminal.")
    boolean tty;

    @Option(names = {"-h", "--hostname"}, paramLabel = "NAME", description = "Container hostname (default: the short id).")
    String hostname;

    @Option(names = "--domainname", paramLabel = "NAME", description = "Container NIS domain name.")
    String domainname;

    @Option(names = "--security-opt", paramLabel = "OPT",
            description = "Security option: no-new-privileges (the command cannot gain privileges through execve).")
    List<String> securityOpts = new ArrayList<>();

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set an environment variable.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]",
            description = "Run as this user and group: names (from the container's /etc/passwd, /etc/group) or numbers.")
    String user;

    @Option(names = "--rootfs", paramLabel = "PATH",
            description = "Root filesystem: a directory or a .tar/.tar.gz tarball (default: the built-in one).")
    Path rootfs;

    @Option(names = "--entrypoint", paramLabel = "CMD",
            description = "Replace the image's entrypoint (\"\" clears it); the image's default command is dropped too.")
    String entrypoint;

    @Option(names = "--explain", description = "Print the launch plan, step by step, and run nothing.")
    boolean explain;

    @Option(names = "--pid", paramLabel = "MODE", description = "PID namespace: private (default) or host.")
    String pid = "private";

    @Option(names = "--ipc", paramLabel = "MODE", description = "IPC namespace: private (default) or host.")
    String ipc = "private";

    @Option(names = "--uts", paramLabel = "MODE", description = "UTS namespace: private (default) or host.")
    String uts = "private";

    @Option(names = {"--network", "--net"}, paramLabel = "MODE",
            description = "Network: private (default; loopback only, also 'bridge'), none, or host.")
    String network = "private";

    @Option(names = "--cap-add", paramLabel = "CAP", split = ",", description = "Add a capability (e.g. NET_ADMIN, or ALL).")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", split = ",", description = "Drop a capability (e.g. CHOWN, or ALL).")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--privileged", description = "All capabilities, no masked or read-only paths, /sys writable.")
    boolean privileged;

    @Option(names = "--read-only", description = "Mount the root filesystem read-only.")
    boolean readOnly;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "Memory limit (e.g. 256m, 1g; at least 6m).")
    String memory;

    @Option(names = "--memory-reservation", paramLabel = "SIZE", description = "Soft memory limit.")
    String memoryReservation;

    @Option(names = "--memory-swap", paramLabel = "SIZE", description = "Memory plus swap (-1: unlimited swap).")
    String memorySwap;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs the container may use (e.g. 0.5).")
    String cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "N", description = "Relative CPU weight (2-262144, default 1024).")
    String cpuShares;

    @Option(names = "--cpu-quota", paramLabel = "USEC", description = "CPU time per period, in microseconds.")
    String cpuQuota;

    @Option(names = "--cpu-period", paramLabel = "USEC", description = "CPU period, in microseconds (default 100000).")
    String cpuPeriod;

    @Option(names = "--cpuset-cpus", paramLabel = "LIST", description = "CPUs to run on (e.g. 0-1,3).")
    String cpusetCpus;

    @Option(names = "--cpuset-mems", paramLabel = "LIST", description = "Memory nodes to allocate from.")
    String cpusetMems;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Maximum number of processes (default 2048, as podman; -1 or 0: unlimited).")
    String pidsLimit;

    @Option(names = "--blkio-weight", paramLabel = "N", description = "Relative block IO weight (10-1000).")
    String blkioWeight;

    @Option(names = "--device", paramLabel = "HOST[:CONTAINER[:rwm]]",
            description = "Give the container a host device node (made in its /dev and allowed by its cgroup).")
    List<String> devices = new ArrayList<>();

    @Option(names = "--device-read-bps", paramLabel = "DEV:RATE", description = "Read rate limit, e.g. /dev/sda:1mb.")
    List<String> deviceReadBps = new ArrayList<>();

    @Option(names = "--device-write-bps", paramLabel = "DEV:RATE", description = "Write rate limit, e.g. /dev/sda:1mb.")
    List<String> deviceWriteBps = new ArrayList<>();

    @Option(names = "--device-read-iops", paramLabel = "DEV:N", description = "Read operations per second limit.")
    List<String> deviceReadIops = new ArrayList<>();

    @Option(names = "--device-write-iops", paramLabel = "DEV:N", description = "Write operations per second limit.")
    List<String> deviceWriteIops = new ArrayList<>();

    @Option(names = "--annotation", paramLabel = "KEY=VALUE",
            description = "Add an OCI annotation (repeatable): kept in the container's state and seen by plugins, "
                    + "e.g. --annotation com.example.audit=on.")
    List<String> annotations = new ArrayList<>();

    @Option(names = "--cgroup-parent", paramLabel = "PATH", description = "Parent of the container's cgroups (default: contedor).")
    String cgroupParent;

    @Parameters(paramLabel = "IMAGE|COMMAND", arity = "0..*",
            description = "The image (unless --rootfs is given or -- comes first), then the command and its arguments.")
    List<String> command = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        RunRequest request = request();
        Engine engine = Engine.start(parent.global().paths(), parent.global().debug, System.err);
        RunContainer run = engine.run();
        if (explain) {
            System.out.print(PlanExplainer.explain(request.annotations(), run.explain(request)));
            return 0;
        }
        ContainerSpec spec = run.prepare(request);
        RunOutcome outcome = run.run(spec, SignalForwarder::attach);
        outcome.notes().forEach(note -> System.err.println("contedor: " + note));
        return outcome.exit().exitCode();
    }

    RunRequest request() {
        Set<Capability> add = capabilities("--cap-add", capAdd);
        Set<Capability> drop = capabilities("--cap-drop", capDrop);
        boolean dropAll = capDrop.stream().anyMatch(c -> c.equalsIgnoreCase("ALL"));
        Target target = target();
        return RunRequest.builder(target.rootfs()).command(target.command()).entrypoint(Optional.ofNullable(entrypoint))
                .env(env).workdir(Optional.ofNullable(workdir)).user(Optional.ofNullable(user))
                .hostname(Optional.ofNullable(hostname)).domainname(Optional.ofNullable(domainname))
                .terminal(tty).interactive(interactive)
                .pid(mode("--pid", pid, false)).ipc(mode("--ipc", ipc, false)).uts(mode("--uts", uts, false))
                .network(mode("--network", network, true))
                .capAdd(add).capDrop(drop).allCapsDropped(dropAll).privileged(privileged).readOnly(readOnly)
                .noNewPrivileges(noNewPrivileges())
                .resources(new ResourceFlags(Optional.ofNullable(memory), Optional.ofNullable(memoryReservation),
                        Optional.ofNullable(memorySwap), Optional.ofNullable(cpus), Optional.ofNullable(cpuShares),
                        Optional.ofNullable(cpuQuota), Optional.ofNullable(cpuPeriod), Optional.ofNullable(cpusetCpus),
                        Optional.ofNullable(cpusetMems), Optional.ofNullable(pidsLimit), Optional.ofNullable(blkioWeight),
                        deviceReadBps, deviceWriteBps, deviceReadIops, deviceWriteIops, devices))
                .cgroupParent(Optional.ofNullable(cgroupParent))
                .annotations(Annotations.parse(annotations))
                .build();
    }

    /** {@code --security-opt}: only docker's {@code no-new-privileges} (or {@code no-new-privileges:true|false}) for now. */
    private boolean noNewPrivileges() {
        boolean on = false;
        for (String opt : securityOpts) {
            switch (opt.strip().toLowerCase(Locale.ROOT)) {
                case "no-new-privileges", "no-new-privileges:true", "no-new-privileges=true" -> on = true;
                case "no-new-privileges:false", "no-new-privileges=false" -> on = false;
                default -> throw ContedorException.runtime("--security-opt " + opt + ": not supported; contedor "
                        + "knows no-new-privileges (seccomp and apparmor options are to come)");
            }
        }
        return on;
    }

    private record Target(RootfsSource rootfs, List<String> command) {
    }

    /**
     * docker's shape, {@code run IMAGE [COMMAND]}, next to contedor's own: with --rootfs every
     * positional is the command, and so it is when {@code --} comes before the first one
     * (the built-in root filesystem); otherwise the first positional names an image.
     */
    private Target target() {
        if (rootfs != null) {
            return new Target(new RootfsSource.Folder(rootfs), command);
        }
        if (command.isEmpty() || afterDelimiter()) {
            return new Target(new RootfsSource.Builtin(), command);
        }
        List<String> rest = command.subList(1, command.size());
        if (!rest.isEmpty() && rest.getFirst().equals("--")) {
            rest = rest.subList(1, rest.size());
        }
        return new Target(new RootfsSource.Image(command.getFirst()), rest);
    }

    /** Whether the positionals came after {@code --}: with stopAtPositional they are the tail of the arguments. */
    private boolean afterDelimiter() {
        if (commandSpec == null || commandSpec.commandLine().getParseResult() == null) {
            return false;
        }
        List<String> original = commandSpec.commandLine().getParseResult().originalArgs();
        int first = original.size() - command.size();
        return first > 0 && original.get(first - 1).equals("--");
    }

    private static NamespaceMode mode(String flag, String value, boolean network) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "private", "" -> NamespaceMode.PRIVATE;
            case "host" -> NamespaceMode.HOST;
            case "bridge", "default" -> {
                if (!network) {
                    throw bad(flag, value, "private or host");
                }
                yield NamespaceMode.PRIVATE;
            }
            case "none" -> {
                if (!network) {
                    throw bad(flag, value, "private or host");
                }
                yield NamespaceMode.NONE;
            }
            default -> throw bad(flag, value, network ? "private, none or host" : "private or host");
        };
    }

    private static ContedorException bad(String flag, String value, String allowed) {
        return ContedorException.runtime(flag + " " + value + ": unknown mode, use " + allowed);
    }

    private static Set<Capability> capabilities(String flag, List<String> names) {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        for (String name : names) {
            if (name.equalsIgnoreCase("ALL")) {
                caps.addAll(EnumSet.allOf(Capability.class));
                continue;
            }
            caps.add(Capability.parse(name).orElseThrow(() -> ContedorException.runtime(
                    flag + " " + name + ": unknown capability (e.g. NET_ADMIN, SYS_TIME; see capabilities(7))")));
        }
        return caps;
    }
}
