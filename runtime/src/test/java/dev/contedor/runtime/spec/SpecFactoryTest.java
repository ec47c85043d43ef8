package dev.contedor.runtime.spec;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.DockerDefaults;
import dev.contedor.api.spec.MountSpec;
import dev.contedor.api.spec.NamespaceSpec;
import dev.contedor.api.spec.NamespaceType;
import dev.contedor.api.spec.User;
import dev.contedor.api.rootfs.ContainerRootfs;
import dev.contedor.api.rootfs.RootfsSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecFactoryTest {
    private static final String ID = "4f2a9c0d1e7b83a56c2d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    private static final Path ROOTFS = Path.of("/var/lib/contedor/rootfs/abc");
    /** A host that holds every capability and has no /etc files of its own. */
    static final HostFacts HOST = new HostFacts(EnumSet.allOf(Capability.class), "the-host",
            "127.0.0.1 localhost the-host\n", "nameserver 127.0.0.53\nnameserver 9.9.9.9\n", ResourceParser.HostCpus.read());

    /** The request {@code contedor run -- sh} makes, with knobs. */
    static final class Req {
        List<String> command = List.of("sh");
        List<String> env = List.of();
        Optional<String> workdir = Optional.empty();
        Optional<String> user = Optional.empty();
        Optional<String> hostname = Optional.empty();
        boolean terminal;
        boolean interactive;
        NamespaceMode pid = NamespaceMode.PRIVATE, ipc = NamespaceMode.PRIVATE, uts = NamespaceMode.PRIVATE,
                network = NamespaceMode.PRIVATE;
        Set<Capability> capAdd = Set.of(), capDrop = Set.of();
        boolean allCapsDropped, privileged, readOnly;

        RunRequest build() {
            return RunRequest.builder(new RootfsSource.Folder(ROOTFS)).command(command).env(env).workdir(workdir)
                    .user(user).hostname(hostname).terminal(terminal).interactive(interactive).pid(pid).ipc(ipc).uts(uts)
                    .network(network).capAdd(capAdd).capDrop(capDrop).allCapsDropped(allCapsDropped)
                    .privileged(privileged).readOnly(readOnly).build();
        }

        ContainerSpec create() {
            return SpecFactory.create(ID, ContainerRootfs.folder(ROOTFS), SpecFactory.check(build(), HOST));
        }

        ContedorException refused() {
            ContedorException e = assertThrows(ContedorException.class, this::create);
            assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            return e;
        }
    }

    private static Map<String, String> env(ContainerSpec spec) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String kv : spec.process().env()) {
            int eq = kv.indexOf('=');
            assertTrue(eq > 0, "not KEY=VALUE: " + kv);
            String previous = env.put(kv.substring(0, eq), kv.substring(eq + 1));
            assertEquals(null, previous, "variable given twice: " + kv);
        }
        return env;
    }

    private static Set<NamespaceType> namespaces(ContainerSpec spec) {
        return spec.namespaces().stream().map(NamespaceSpec::type).collect(Collectors.toSet());
    }

    // --- hostname

    @Test
    void theDefaultHostnameIsTheShortId() {
        ContainerSpec spec = new Req().create();
        assertEquals(Optional.of(ID.substring(0, 12)), spec.names().hostname());
        assertEquals(spec.shortId(), spec.names().hostname().orElseThrow());
        assertEquals(ID, spec.id());
        assertEquals(ROOTFS, spec.root().path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"contedor-a-man", "a", "web1.example.org", "A-1", "0day"})
    void validHostnamesAreKept(String name) {
        Req r = new Req();
        r.hostname = Optional.of(name);
        assertEquals(Optional.of(name), r.create().names().hostname());
    }

    @Test
    void sixtyFourCharactersIsTheKernelsLimit() {
        Req ok = new Req();
        ok.hostname = Optional.of("a".repeat(31) + "." + "b".repeat(32));
        assertEquals(64, ok.hostname.orElseThrow().length());
        assertEquals(ok.hostname, ok.create().names().hostname());

        Req r = new Req();
        r.hostname = Optional.of("a".repeat(32) + "." + "b".repeat(32));
        ContedorException e = r.refused();
        assertTrue(e.getMessage().contains("--hostname"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_name", "-lead", "trail-", "has space", "a..b", ".dot", "dot.", "semi;colon", "ünï", "a/b", ""})
    void invalidHostnamesAreRefused(String name) {
        Req r = new Req();
        r.hostname = Optional.of(name);
        ContedorException e = r.refused();
        assertTrue(e.getMessage().contains("--hostname"), e.getMessage());
    }

    @Test
    void aHostnameWithTheHostsUtsIsRefused() {
        Req r = new Req();
        r.uts = NamespaceMode.HOST;
        r.hostname = Optional.of("box");
        ContedorException e = r.refused();
        assertTrue(e.getMessage().contains("--hostname") && e.getMessage().contains("--uts"), e.getMessage());
    }

    @Test
    void theHostsUtsMeansNoHostnameNoUtsNamespaceNoHostnameVariable() {
        Req r = new Req();
        r.uts = NamespaceMode.HOST;
        ContainerSpec spec = r.create();
        assertEquals(Optional.empty(), spec.names().hostname());
        assertFalse(spec.hasNamespace(NamespaceType.UTS));
        assertFalse(env(spec).containsKey("HOSTNAME"), spec.process().env()::toString);
    }

    // --- environment

    @Test
    void theDefaultEnvironmentIsDockers() {
        Map<String, String> env = env(new Req().create());
        assertEquals(DockerDefaults.PATH, env.get("PATH"));
        assertEquals(ID.substring(0, 12), env.get("HOSTNAME"));
        assertEquals("/root", env.get("HOME"));
        assertFalse(env.containsKey("TERM"));
    }

    @Test
    void hostnameVariableFollowsTheHostname() {
        Req r = new Req();
        r.hostname = Optional.of("box");
        assertEquals("box", env(r.create()).get("HOSTNAME"));
    }

    @Test
    void aNonRootUserHasSlashForHome() {
        Req r = new Req();
        r.user = Optional.of("1000:1000");
        ContainerSpec spec = r.create();
        assertEquals("/", env(spec).get("HOME"));
        assertEquals(new User(1000, 1000, List.of()), spec.process().user());
    }

    @Test
    void aTerminalGetsTerm() {
        Req r = new Req();
        r.terminal = true;
        r.interactive = true;
        ContainerSpec spec = r.create();
        assertEquals("xterm", env(spec).get("TERM"));
        assertTrue(spec.process().terminal());
        assertTrue(spec.process().interactive());
    }

    @Test
    void dashEOverridesAndAdds() {
        Req r = new Req();
        r.env = List.of("PATH=/opt/bin", "HOME=/home/me", "FOO=a=b", "EMPTY=");
        Map<String, String> env = env(r.create());
        assertEquals("/opt/bin", env.get("PATH"));
        assertEquals("/home/me", env.get("HOME"));
        assertEquals("a=b", env.get("FOO"));
        assertEquals("", env.get("EMPTY"));
    }

    @Test
    void aLaterDashEWins() {
        Req r = new Req();
        r.env = List.of("X=1", "X=2");
        assertEquals("2", env(r.create()).get("X"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOEQUALS", "=value"})
    void dashEWithoutAKeyAndEqualsIsRefused(String kv) {
        Req r = new Req();
        r.env = List.of(kv);
        ContedorException e = r.refused();
        assertTrue(e.getMessage().contains(kv), e.getMessage());
    }

    // --- command and working directory

    @Test
    void theCommandAndWorkdirAreKept() {
        Req r = new Req();
        r.command = List.of("sh", "-c", "echo hi");
        r.workdir = Optional.of("/srv");
        ContainerSpec spec = r.create();
        assertEquals(List.of("sh", "-c", "echo hi"), spec.process().args());
        assertEquals("/srv", spec.process().cwd());
        assertEquals("/", new Req().create().process().cwd());
    }

    @Test
    void noCommandIsRefused() {
        Req r = new Req();
        r.command = List.of();
        r.refused();
    }

    @Test
    void aRelativeWorkdirIsRefused() {
        Req r = new Req();
        r.workdir = Optional.of("srv");
        ContedorException e = r.refused();
        assertTrue(e.getMessage().contains("srv"), e.getMessage());
    }

    // --- capabilities

    @Test
    void theDefaultCapabilitiesAreDockers() {
        assertEquals(DockerDefaults.CAPABILITIES, new Req().create().process().capabilities());
    }

    @Test
    void capDropAllThenCapAddGivesJustThat() {
        Req r = new Req();
        r.allCapsDropped = true;
        r.capAdd = Set.of(Capability.NET_ADMIN);
        assertEquals(Set.of(Capability.NET_ADMIN), r.create().process().capabilities());
    }

    @Test
    void capDropAllAloneGivesNone() {
        Req r = new Req();
        r.allCapsDropped = true;
        assertEquals(Set.of(), r.create().process().capabilities());
    }

    @Test
    void capAddAndCapDropChangeTheDefaults() {
        Req r = new Req();
        r.capAdd = Set.of(Capability.SYS_PTRACE);
        r.capDrop = Set.of(Capability.NET_RAW, Capability.MKNOD);
        Set<Capability> expected = EnumSet.copyOf(DockerDefaults.CAPABILITIES);
        expected.add(Capability.SYS_PTRACE);
        expected.removeAll(Set.of(Capability.NET_RAW, Capability.MKNOD));
        assertEquals(expected, r.create().process().capabilities());
    }

    @Test
    void privilegedGivesEveryCapability() {
        Req r = new Req();
        r.privileged = true;
        Set<Capability> caps = r.create().process().capabilities();
        assertEquals(EnumSet.allOf(Capability.class), caps);
    }

    // --- namespaces

    @Test
    void byDefaultEveryNamespaceIsNew() {
        ContainerSpec spec = new Req().create();
        assertEquals(Set.of(NamespaceType.MOUNT, NamespaceType.CGROUP, NamespaceType.PID, NamespaceType.IPC,
                NamespaceType.UTS, NamespaceType.NETWORK), namespaces(spec));
        assertTrue(spec.namespaces().stream().allMatch(n -> n.path().isEmpty()), spec.namespaces()::toString);
        assertEquals(spec.namespaces().size(), namespaces(spec).size(), "a namespace is listed twice");
    }

    @Test
    void hostModesLeaveTheirNamespacesOut() {
        Req r = new Req();
        r.pid = NamespaceMode.HOST;
        r.network = NamespaceMode.HOST;
        Set<NamespaceType> ns = namespaces(r.create());
        assertFalse(ns.contains(NamespaceType.PID));
        assertFalse(ns.contains(NamespaceType.NETWORK));
        assertTrue(ns.containsAll(Set.of(NamespaceType.MOUNT, NamespaceType.IPC, NamespaceType.UTS)));

        Req ipc = new Req();
        ipc.ipc = NamespaceMode.HOST;
        assertFalse(namespaces(ipc.create()).contains(NamespaceType.IPC));
    }

    @Test
    void networkNoneKeepsAPrivateNetworkNamespace() {
        Req r = new Req();
        r.network = NamespaceMode.NONE;
        ContainerSpec spec = r.create();
        assertTrue(spec.hasNamespace(NamespaceType.NETWORK));
        assertTrue(spec.namespace(NamespaceType.NETWORK).orElseThrow().path().isEmpty());
    }

    // --- mounts and paths

    @Test
    void anUnprivilegedContainerGetsDockersMountsMasksAndReadonlyPaths() {
        ContainerSpec spec = new Req().create();
        assertEquals(DockerDefaults.MOUNTS, spec.filesystem().mounts());
        assertEquals(DockerDefaults.MASKED_PATHS, spec.filesystem().maskedPaths());
        assertEquals(DockerDefaults.READONLY_PATHS, spec.filesystem().readonlyPaths());
        assertTrue(sys(spec).options().contains("ro"));
        assertFalse(spec.root().readonly());
    }

    @Test
    void aPrivilegedContainerHasNoMasksAndAWritableSys() {
        Req r = new Req();
        r.privileged = true;
        ContainerSpec spec = r.create();
        assertEquals(List.of(), spec.filesystem().maskedPaths());
        assertEquals(List.of(), spec.filesystem().readonlyPaths());
        MountSpec sys = sys(spec);
        assertFalse(sys.options().contains("ro"), sys.options()::toString);
        assertTrue(sys.options().containsAll(List.of("nosuid", "noexec", "nodev")), sys.options()::toString);
        assertEquals(DockerDefaults.MOUNTS.size(), spec.filesystem().mounts().size());
        // the shared defaults are untouched
        assertTrue(DockerDefaults.MOUNTS.stream().filter(m -> m.destination().equals("/sys")).findFirst().orElseThrow()
                .options().contains("ro"));
    }

    @Test
    void readOnlyMakesTheRootReadonly() {
        Req r = new Req();
        r.readOnly = true;
        assertTrue(r.create().root().readonly());
    }

    // --- what the spec takes from the host, once

    @Test
    void theRuntimesMissingCapabilitiesAreLeftOutOfThePrivilegedSetWithAWarning() {
        Req r = new Req();
        r.privileged = true;
        RunRequest request = r.build();
        Set<Capability> held = EnumSet.allOf(Capability.class);
        held.remove(Capability.SYS_RESOURCE);
        HostFacts host = new HostFacts(held, "h", "", "", ResourceParser.HostCpus.read());
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        dev.contedor.host.HostWarnings.clear();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            CheckedRequest checked = SpecFactory.check(request, host);
            assertFalse(checked.capabilities().contains(Capability.SYS_RESOURCE));
            assertEquals(held, checked.capabilities());
        } finally {
            System.setErr(err);
        }
        String warning = captured.toString();
        assertEquals(1, warning.lines().count(), warning);
        assertTrue(warning.contains("CAP_SYS_RESOURCE"), warning);
    }

    @Test
    void aPrivateNetworkGetsEtcFilesNamingTheContainerWithoutLoopbackResolvers() {
        Req r = new Req();
        r.hostname = Optional.of("web-1");
        Map<String, String> files = files(r.create());
        assertEquals("web-1\n", files.get("/etc/hostname"));
        assertTrue(files.get("/etc/hosts").lines().anyMatch(l -> l.matches("\\S+\\s+web-1")), files.get("/etc/hosts"));
        assertEquals("nameserver 9.9.9.9\n", files.get("/etc/resolv.conf"));
    }

    @Test
    void theHostsNetworkAndUtsGiveTheHostsFiles() {
        Req r = new Req();
        r.network = NamespaceMode.HOST;
        r.uts = NamespaceMode.HOST;
        Map<String, String> files = files(r.create());
        assertEquals("the-host\n", files.get("/etc/hostname"));
        assertEquals(HOST.hosts(), files.get("/etc/hosts"));
        assertEquals(HOST.resolvConf(), files.get("/etc/resolv.conf"));
    }

    @Test
    void aDomainnameIsCheckedLikeAHostname() {
        Req r = new Req();
        RunRequest bad = RunRequest.builder(new RootfsSource.Folder(ROOTFS)).command(List.of("sh"))
                .domainname(Optional.of("bad_name")).build();
        ContedorException e = assertThrows(ContedorException.class, () -> SpecFactory.check(bad, HOST));
        assertTrue(e.getMessage().startsWith("--domainname bad_name"), e.getMessage());
        RunRequest good = RunRequest.builder(new RootfsSource.Folder(ROOTFS)).command(List.of("sh"))
                .domainname(Optional.of("example.org")).noNewPrivileges(true).build();
        ContainerSpec spec = SpecFactory.create(ID, ContainerRootfs.folder(ROOTFS), SpecFactory.check(good, HOST));
        assertEquals(Optional.of("example.org"), spec.names().domainname());
        assertTrue(spec.process().noNewPrivileges());
    }

    private static Map<String, String> files(ContainerSpec spec) {
        Map<String, String> files = new java.util.HashMap<>();
        spec.filesystem().files().forEach(f -> files.put(f.path(), f.content()));
        return files;
    }

    private static MountSpec sys(ContainerSpec spec) {
        return spec.filesystem().mounts().stream().filter(m -> m.destination().equals("/sys")).findFirst().orElseThrow();
    }
}
