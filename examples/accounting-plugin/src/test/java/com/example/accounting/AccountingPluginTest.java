package com.example.accounting;

import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.testkit.ContainerSpecs;
import dev.contedor.testkit.FakeCgroupDirectory;
import dev.contedor.testkit.PlanAssert;
import dev.contedor.testkit.PluginHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin without a host: the test kit drives it as contedor does. */
class AccountingPluginTest {
    @TempDir
    Path tmp;

    private final ContainerSpec annotated = ContainerSpecs.builder().annotation(AccountingPlugin.ANNOTATION, "team-a").build();
    private final ContainerSpec plain = ContainerSpecs.builder().build();

    @Test
    void anAnnotatedContainerIsToldWhoPays() {
        PluginHarness harness = PluginHarness.of(new AccountingPlugin(), tmp);
        PlanAssert.assertThat(harness.plan(annotated)).providesFile("/etc/accounting", "billed-to: team-a\n");
    }

    @Test
    void withoutTheAnnotationThePluginDoesNothing() {
        PluginHarness harness = PluginHarness.of(new AccountingPlugin(), tmp);
        PlanAssert.assertThat(harness.plan(plain)).addsNothing();
        assertEquals(List.of(), harness.applicableControllers(plain));
    }

    @Test
    void theControllerResetsUsageAndAsksForReleaseNotification() {
        PluginHarness harness = PluginHarness.of(new AccountingPlugin(), tmp);
        FakeCgroupDirectory folder = new FakeCgroupDirectory(CgroupVersion.V1);
        harness.applicableControllers(annotated).forEach(c -> c.apply(annotated, folder));
        assertEquals(Map.of("cpuacct.usage", "0", "notify_on_release", "1"), folder.files());
    }

    @Test
    void thePluginSaysWhatItDoesInDebugLines() {
        PluginHarness harness = PluginHarness.of(new AccountingPlugin(), tmp);
        assertTrue(harness.context().debugLines().getFirst().contains(AccountingPlugin.ANNOTATION));
    }
}
