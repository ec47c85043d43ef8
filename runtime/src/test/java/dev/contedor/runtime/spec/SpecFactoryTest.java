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
            return new RunRequest(new RootfsSource.Folder(ROOTFS), command, env, workdir, user, hostname, terminal, interactive,
                    pid, ipc, uts, network, capAdd, capDrop, allCapsDropped, privileged, readOnly);
        }

        ContainerSpec create() {
            return SpecFactory.create(ID, ROOTFS, build());
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
        assertEquals(Optional.of(ID.substring(0, 12)), spec.hostname());
        assertEquals(spec.shortId(), spec.hostname().orElseThrow());
        assertEquals(ID, spec.id());
        assertEquals(ROOTFS, spec.rootfs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"contedor-a-man", "a", "web1.example.org", "A-1", "0day"})
    void validHostnamesAreKept(String name) {
        Req r = new Req();
        r.hostname = Optional.of(name);
        assertEquals(Optional.of(name), r.create().hostname());
    }

    @Test
    void sixtyFourCharactersIsTheKernelsLimit() {
        Req ok = new Req();
        ok.hostname = Optional.of("a".repeat(31) + "." + "b".repeat(32));
        assertEquals(64, ok.hostname.orElseThrow().length());
        assertEquals(ok.hostname, ok.create().hostname());

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
        assertEquals(Optional.empty(), spec.hostname());
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
        assertEquals(DockerDefaults.MOUNTS, spec.mounts());
        assertEquals(DockerDefaults.MASKED_PATHS, spec.maskedPaths());
        assertEquals(DockerDefaults.READONLY_PATHS, spec.readonlyPaths());
        assertTrue(sys(spec).options().contains("ro"));
        assertFalse(spec.readonlyRoot());
    }

    @Test
    void aPrivilegedContainerHasNoMasksAndAWritableSys() {
        Req r = new Req();
        r.privileged = true;
        ContainerSpec spec = r.create();
        assertEquals(List.of(), spec.maskedPaths());
        assertEquals(List.of(), spec.readonlyPaths());
        MountSpec sys = sys(spec);
        assertFalse(sys.options().contains("ro"), sys.options()::toString);
        assertTrue(sys.options().containsAll(List.of("nosuid", "noexec", "nodev")), sys.options()::toString);
        assertEquals(DockerDefaults.MOUNTS.size(), spec.mounts().size());
        // the shared defaults are untouched
        assertTrue(DockerDefaults.MOUNTS.stream().filter(m -> m.destination().equals("/sys")).findFirst().orElseThrow()
                .options().contains("ro"));
    }

    @Test
    void readOnlyMakesTheRootReadonly() {
        Req r = new Req();
        r.readOnly = true;
        assertTrue(r.create().readonlyRoot());
    }

    private static MountSpec sys(ContainerSpec spec) {
        return spec.mounts().stream().filter(m -> m.destination().equals("/sys")).findFirst().orElseThrow();
    }
}
