package dev.contedor.namespaces.stage;

import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.NamespaceType;
import dev.contedor.namespaces.isolators.CapabilitiesIsolator;
import dev.contedor.namespaces.isolators.CgroupNamespaceIsolator;
import dev.contedor.namespaces.isolators.IpcIsolator;
import dev.contedor.namespaces.isolators.MountIsolator;
import dev.contedor.namespaces.isolators.NetworkIsolator;
import dev.contedor.namespaces.isolators.PidIsolator;
import dev.contedor.namespaces.isolators.TestSpecs;
import dev.contedor.namespaces.isolators.UtsIsolator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A docker-like container through every built-in isolator, then through the encoder. */
class BuiltinPlanEncodingTest {
    @Test
    void aDockerLikePlanEncodesEveryOpAndEveryNamespace() {
        ContainerSpec spec = new TestSpecs().build();
        List<Isolator> isolators = List.of(new CgroupNamespaceIsolator(), new IpcIsolator(), new MountIsolator(),
                new NetworkIsolator(), new PidIsolator(), new UtsIsolator(), new CapabilitiesIsolator());
        LaunchPlan.Builder b = TestSpecs.builder();
        for (Isolator i : isolators) {
            if (i.appliesTo(spec)) {
                i.contribute(spec, b);
            }
        }
        LaunchPlan plan = TestSpecs.finish(b, spec);
        PlanEncoderTest.Decoded d = PlanEncoderTest.decode(PlanEncoder.encode(plan));

        long expectedFlags = 0;
        for (NamespaceType t : List.of(NamespaceType.MOUNT, NamespaceType.PID,
                NamespaceType.IPC, NamespaceType.UTS, NamespaceType.NETWORK)) {
            expectedFlags |= t.cloneFlag();
        }
        assertEquals(expectedFlags, d.cloneFlags());
        assertEquals(plan.ops().size(), d.ops().size());
        assertEquals(WireFormat.Op.EXEC.code(), d.ops().getLast().code());
        // ops keep their plan positions in the encoding
        int pivot = plan.ops().indexOf(new LaunchOp.PivotRoot(spec.root().path().toString()));
        assertEquals(WireFormat.Op.PIVOT.code(), d.ops().get(pivot).code());
        assertEquals(spec.root().path().toString(), d.ops().get(pivot).str(0));
        // the cgroup namespace is unshared by the child, not cloned
        int unshare = plan.ops().indexOf(new LaunchOp.Unshare(NamespaceType.CGROUP));
        assertEquals(WireFormat.Op.UNSHARE.code(), d.ops().get(unshare).code());
        assertEquals(NamespaceType.CGROUP.cloneFlag(), d.ops().get(unshare).num(0));
    }
}
