package dev.contedor.namespaces.isolators;

import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.Prctl;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.DockerDefaults;
import dev.contedor.api.spec.NamespaceType;
import dev.contedor.api.spec.User;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import dev.contedor.api.plugin.Plugin;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamespaceIsolatorsTest {
    private static LaunchPlan.Builder contribute(Isolator isolator, ContainerSpec spec) {
        LaunchPlan.Builder plan = TestSpecs.builder();
        isolator.contribute(spec, plan);
        return plan;
    }

    @Test
    void theNamespacesPluginBringsTheIsolatorsWithTheDocumentedNames() {
        Set<String> names = ServiceLoader.load(Plugin.class).findFirst().orElseThrow().isolators(null).stream().map(Isolator::name).collect(Collectors.toSet());
        assertEquals(Set.of("mount", "pid", "uts", "ipc", "network", "cgroupns", "capabilities"), names);
    }

    @Test
    void anIsolatorWhoseNamespaceIsAbsentDoesNotApply() {
        Map<NamespaceType, Isolator> byType = Map.of(
                NamespaceType.MOUNT, new MountIsolator(), NamespaceType.PID, new PidIsolator(),
                NamespaceType.UTS, new UtsIsolator(), NamespaceType.IPC, new IpcIsolator(),
                NamespaceType.NETWORK, new NetworkIsolator(), NamespaceType.CGROUP, new CgroupNamespaceIsolator());
        byType.forEach((type, isolator) -> {
            assertTrue(isolator.appliesTo(new TestSpecs().build()), isolator.name());
            assertFalse(isolator.appliesTo(new TestSpecs().without(type).build()), isolator.name());
            // and only its own namespace matters
            for (NamespaceType other : byType.keySet()) {
                if (other != type) {
                    assertTrue(isolator.appliesTo(new TestSpecs().without(other).build()), isolator.name() + " without " + other);
                }
            }
        });
    }

    @Test
    void simpleNamespacesAreCreatedOrJoinedAndNothingElse() {
        Map<NamespaceType, Isolator> byType = Map.of(NamespaceType.PID, new PidIsolator(),
                NamespaceType.IPC, new IpcIsolator());
        byType.forEach((type, isolator) -> {
            ContainerSpec fresh = new TestSpecs().build();
            LaunchPlan plan = TestSpecs.finish(contribute(isolator, fresh), fresh);
            assertEquals(Set.of(type), plan.newNamespaces());
            assertEquals(type.cloneFlag(), plan.cloneFlags());
            assertEquals(1, plan.ops().size(), "only the exec: " + plan.ops());

            Path ns = Path.of("/proc/99/ns/" + type.procName());
            ContainerSpec joined = new TestSpecs().joining(type, ns).build();
            LaunchPlan j = TestSpecs.finish(contribute(isolator, joined), joined);
            assertEquals(Set.of(), j.newNamespaces());
            assertEquals(Map.of(type, ns), j.joins());
        });
    }

    @Test
    void aNewCgroupNamespaceIsUnsharedAfterTheParentsHooksNotCloned() {
        ContainerSpec spec = new TestSpecs().build();
        CgroupNamespaceIsolator cgroupns = new CgroupNamespaceIsolator();
        assertEquals("cgroupns", cgroupns.name());
        LaunchPlan.Builder b = contribute(cgroupns, spec);
        assertEquals(List.of(new LaunchOp.Unshare(NamespaceType.CGROUP)), b.ops(Phase.NAMESPACES));
        LaunchPlan plan = TestSpecs.finish(b, spec);
        // at clone time the child is still in the runtime's cgroup: cloning the namespace would root it there
        assertEquals(0, plan.cloneFlags() & NamespaceType.CGROUP.cloneFlag());
        assertEquals(Map.of(), plan.joins());
    }

    @Test
    void aJoinedCgroupNamespaceIsJoinedNotUnshared() {
        Path ns = Path.of("/proc/99/ns/cgroup");
        ContainerSpec spec = new TestSpecs().joining(NamespaceType.CGROUP, ns).build();
        LaunchPlan plan = TestSpecs.finish(contribute(new CgroupNamespaceIsolator(), spec), spec);
        assertEquals(Map.of(NamespaceType.CGROUP, ns), plan.joins());
        assertFalse(plan.ops().stream().anyMatch(LaunchOp.Unshare.class::isInstance), plan.ops()::toString);
    }

    @Test
    void utsSetsTheHostnameInANewUtsNamespace() {
        TestSpecs t = new TestSpecs();
        t.hostname = Optional.of("contedor-a-man");
        ContainerSpec spec = t.build();
        UtsIsolator uts = new UtsIsolator();
        assertEquals("uts", uts.name());
        LaunchPlan.Builder b = contribute(uts, spec);
        LaunchPlan plan = TestSpecs.finish(b, spec);
        assertEquals(Set.of(NamespaceType.UTS), plan.newNamespaces());
        assertTrue(plan.ops().contains(new LaunchOp.SetHostname("contedor-a-man")), plan.ops()::toString);
        assertFalse(plan.ops().stream().anyMatch(LaunchOp.SetDomainname.class::isInstance));
    }

    @Test
    void utsSetsTheDomainNameWhenThereIsOne() {
        TestSpecs t = new TestSpecs();
        t.domainname = Optional.of("example.org");
        ContainerSpec spec = t.build();
        LaunchPlan plan = TestSpecs.finish(contribute(new UtsIsolator(), spec), spec);
        assertTrue(plan.ops().contains(new LaunchOp.SetDomainname("example.org")), plan.ops()::toString);
        assertTrue(plan.ops().contains(new LaunchOp.SetHostname("box")), plan.ops()::toString);
    }

    @Test
    void utsWithoutAHostnameSetsNone() {
        TestSpecs t = new TestSpecs();
        t.hostname = Optional.empty();
        ContainerSpec spec = t.build();
        LaunchPlan plan = TestSpecs.finish(contribute(new UtsIsolator(), spec), spec);
        assertFalse(plan.ops().stream().anyMatch(LaunchOp.SetHostname.class::isInstance), plan.ops()::toString);
    }

    @Test
    void aNewNetworkNamespaceGetsLoopbackUp() {
        ContainerSpec spec = new TestSpecs().build();
        NetworkIsolator net = new NetworkIsolator();
        assertEquals("network", net.name());
        LaunchPlan.Builder b = contribute(net, spec);
        assertEquals(List.of(new LaunchOp.InterfaceUp("lo")), b.ops(Phase.NAMESPACES));
        assertEquals(Set.of(NamespaceType.NETWORK), TestSpecs.finish(b, spec).newNamespaces());
    }

    @Test
    void aJoinedNetworkNamespaceIsLeftAsItIs() {
        Path ns = Path.of("/proc/42/ns/net");
        ContainerSpec spec = new TestSpecs().joining(NamespaceType.NETWORK, ns).build();
        LaunchPlan plan = TestSpecs.finish(contribute(new NetworkIsolator(), spec), spec);
        assertEquals(Map.of(NamespaceType.NETWORK, ns), plan.joins());
        assertEquals(Set.of(), plan.newNamespaces());
        assertFalse(plan.ops().stream().anyMatch(LaunchOp.InterfaceUp.class::isInstance), plan.ops()::toString);
    }

    @Test
    void capabilitiesLimitTheBoundingSetThenSwitchIdentityThenSetCapabilities() {
        TestSpecs t = new TestSpecs();
        t.user = new User(1000, 1000, List.of(27));
        t.caps = EnumSet.of(Capability.CHOWN, Capability.NET_BIND_SERVICE);
        ContainerSpec spec = t.build();
        CapabilitiesIsolator caps = new CapabilitiesIsolator();
        assertTrue(caps.appliesTo(spec));
        LaunchPlan.Builder b = contribute(caps, spec);
        assertEquals(List.of(new LaunchOp.LimitBoundingSet(t.caps), new LaunchOp.SetIdentity(t.user),
                new LaunchOp.SetCapabilities(t.caps)), b.ops(Phase.PROCESS));
        LaunchPlan plan = TestSpecs.finish(b, spec);
        assertEquals(0, plan.cloneFlags());
        assertEquals(Map.of(), plan.joins());
    }

    @Test
    void capabilitiesApplyEvenWithTheHostsNamespaces() {
        TestSpecs t = new TestSpecs();
        for (NamespaceType type : NamespaceType.values()) {
            t.without(type);
        }
        assertTrue(new CapabilitiesIsolator().appliesTo(t.build()));
    }

    @Test
    void noNewPrivilegesComesAfterTheCapabilities() {
        TestSpecs t = new TestSpecs();
        t.noNewPrivileges = true;
        List<LaunchOp> ops = contribute(new CapabilitiesIsolator(), t.build()).ops(Phase.PROCESS);
        assertEquals(new LaunchOp.SetPrctl(Prctl.NO_NEW_PRIVS, 1), ops.getLast());
        assertTrue(ops.indexOf(new LaunchOp.SetCapabilities(DockerDefaults.CAPABILITIES)) < ops.size() - 1);

        List<LaunchOp> without = contribute(new CapabilitiesIsolator(), new TestSpecs().build()).ops(Phase.PROCESS);
        assertFalse(without.contains(new LaunchOp.SetPrctl(Prctl.NO_NEW_PRIVS, 1)), without::toString);
    }
}
