package dev.contedor.runtime.plugins;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.Isolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin manager on jars compiled by the test: found the one way, refused with a reason that
 * names the fix, isolated from contedor's internals. The test's class path has no built-in plugin.
 */
class PluginManagerTest {
    private static final String ISOLATOR = """
            public List<Isolator> isolators(PluginContext c) {
                return List.of(new Isolator() {
                    public String name() { return "%s"; }
                    public boolean appliesTo(ContainerSpec s) { return true; }
                    public void contribute(ContainerSpec s, LaunchPlan.Builder p) { }
                });
            }
            """;

    @TempDir
    Path tmp;

    private InstalledPlugins install() {
        RuntimePaths paths = new RuntimePaths(tmp.resolve("state"), tmp.resolve("data"), tmp.resolve("plugins"));
        return new PluginManager(PluginManagerTest.class.getClassLoader(), paths, false).install();
    }

    private static PluginReport report(InstalledPlugins installed, String name) {
        return installed.reports().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + installed.reports()));
    }

    private static List<String> isolatorNames(InstalledPlugins installed) {
        return installed.isolators().stream().map(c -> c.service().name()).toList();
    }

    @Test
    void noPluginsFolderMeansNoExternalPlugins() {
        InstalledPlugins installed = install();
        assertEquals(List.of(), installed.reports());
        ContedorException e = assertThrows(ContedorException.class, () -> InstalledPlugins.single(installed.launchers(), "launcher"));
        assertTrue(e.getMessage().contains("no plugin provides a launcher"), e.getMessage());
    }

    @Test
    void aJarPluginContributesItsIsolatorsAndIsReportedWithItsSource() {
        Path jar = TestPluginJars.plugin(tmp, "audit.jar", "audit", "1.0", ISOLATOR.formatted("audit"));
        InstalledPlugins installed = install();
        assertEquals(List.of("audit"), isolatorNames(installed));
        PluginReport r = report(installed, "audit");
        assertEquals(PluginReport.Status.ENABLED, r.status());
        assertEquals(jar.toString(), r.source().describe());
        assertEquals(List.of("isolator audit"), r.contributions());
        assertTrue(installed.isolators().getFirst().service().getClass().getClassLoader().getName().startsWith("plugin:"));
    }

    @Test
    void anOlderMinorLoadsANewerMinorOrAnotherMajorIsRefusedNamingBothVersions() {
        TestPluginJars.plugin(tmp, "a.jar", "from-the-future", "1.7", ISOLATOR.formatted("future"));
        TestPluginJars.plugin(tmp, "b.jar", "from-the-past", "0.9", ISOLATOR.formatted("past"));
        TestPluginJars.plugin(tmp, "c.jar", "patch", "1.0.3", ISOLATOR.formatted("patch"));
        InstalledPlugins installed = install();
        assertEquals(List.of("patch"), isolatorNames(installed));
        String future = report(installed, "a").reason().orElseThrow();
        assertTrue(future.contains("SPI 1.7") && future.contains("SPI 1.0") && future.contains("newer contedor"), future);
        String past = report(installed, "b").reason().orElseThrow();
        assertTrue(past.contains("SPI 0.9") && past.contains("SPI 1.0") && past.contains("rebuild"), past);
    }

    @Test
    void aPluginWithoutAnSpiVersionIsRefusedWithTheFix() {
        TestPluginJars.plugin(tmp, "plain.jar", "plain", null, ISOLATOR.formatted("plain"));
        String reason = report(install(), "plain").reason().orElseThrow();
        assertTrue(reason.contains("Contedor-SPI-Version: 1.0"), reason);
    }

    @Test
    void aPluginSeesTheSpiAndTheJdkButNotContedorsInternals() {
        TestPluginJars.plugin(tmp, "probe.jar", "probe", "1.0", """
                public List<Isolator> isolators(PluginContext c) {
                    for (String name : List.of("com.google.inject.Guice", "com.google.common.collect.ImmutableList",
                            "dev.contedor.runtime.Engine", "dev.contedor.runtime.plugins.PluginManager")) {
                        try {
                            Class.forName(name, false, getClass().getClassLoader());
                            throw new IllegalStateException("can see " + name);
                        } catch (ClassNotFoundException expected) {
                        }
                    }
                    try {
                        Class.forName("dev.contedor.api.spec.ContainerSpec", false, getClass().getClassLoader());
                        Class.forName("java.net.http.HttpClient", false, getClass().getClassLoader());
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException("cannot see " + e.getMessage());
                    }
                    return List.of();
                }
                """);
        PluginReport r = report(install(), "probe");
        assertEquals(PluginReport.Status.ENABLED, r.status(), r.toString());
    }

    @Test
    void aHookThatThrowsRefusesOnlyThatPlugin() {
        TestPluginJars.plugin(tmp, "bad.jar", "bad", "1.0", """
                public List<Isolator> isolators(PluginContext c) { throw new IllegalStateException("no isolators today"); }
                """);
        TestPluginJars.plugin(tmp, "good.jar", "good", "1.0", ISOLATOR.formatted("good"));
        InstalledPlugins installed = install();
        assertEquals(List.of("good"), isolatorNames(installed));
        PluginReport bad = report(installed, "bad");
        assertEquals(PluginReport.Status.REFUSED, bad.status());
        assertTrue(bad.reason().orElseThrow().contains("isolators() failed: no isolators today"), bad.toString());
        assertFalse(bad.reason().orElseThrow().contains("\n"));
    }

    @Test
    void aCorruptJarAndAnEmptyFolderAreRefusedByName() throws IOException {
        Files.createDirectories(tmp.resolve("plugins/empty-folder"));
        Files.writeString(tmp.resolve("plugins/corrupt.jar"), "not a zip");
        InstalledPlugins installed = install();
        assertTrue(report(installed, "corrupt").reason().orElseThrow().contains("not a readable jar"));
        assertTrue(report(installed, "empty-folder").reason().orElseThrow().contains("holds no jar"));
    }

    @Test
    void aNameOrAnIsolatorNameTakenTwiceRefusesTheSecondPlugin() {
        TestPluginJars.plugin(tmp, "a.jar", "twin", "1.0", ISOLATOR.formatted("one"));
        TestPluginJars.plugin(tmp, "b.jar", "twin", "1.0", ISOLATOR.formatted("two"));
        TestPluginJars.plugin(tmp, "c.jar", "copycat", "1.0", ISOLATOR.formatted("one"));
        InstalledPlugins installed = install();
        assertEquals(List.of("one"), isolatorNames(installed));
        assertEquals(2, installed.refused().size(), installed.reports().toString());
        assertTrue(installed.refused().stream().anyMatch(r -> r.reason().orElseThrow().contains("name 'twin' is already taken")));
        assertTrue(installed.refused().stream().anyMatch(r -> r.reason().orElseThrow().contains("isolator 'one' is already brought by plugin twin")));
    }

    @Test
    void aDisabledPluginIsListedButContributesNothing() {
        TestPluginJars.plugin(tmp, "audit.jar", "audit", "1.0", ISOLATOR.formatted("audit"));
        new DisabledPlugins(tmp.resolve("data")).set("audit", true);
        InstalledPlugins installed = install();
        assertEquals(List.<Isolator>of(), installed.isolators().stream().map(Contribution::service).toList());
        assertEquals(PluginReport.Status.DISABLED, report(installed, "audit").status());
        new DisabledPlugins(tmp.resolve("data")).set("audit", false);
        assertEquals(List.of("audit"), isolatorNames(install()));
    }

    @Test
    void aPluginsControllersReachEveryPluginThroughTheContext() {
        TestPluginJars.plugin(tmp, "ctl.jar", "ctl", "1.0", """
                public List<CgroupController> cgroupControllers() {
                    return List.of(new CgroupController() {
                        public String name() { return "rdma"; }
                        public boolean appliesTo(Resources r) { return false; }
                        public void apply(Resources r, CgroupDirectory d) { }
                    });
                }
                """);
        TestPluginJars.plugin(tmp, "reader.jar", "reader", "1.0", """
                public List<Isolator> isolators(PluginContext c) {
                    if (c.cgroupControllers().stream().noneMatch(k -> k.name().equals("rdma"))) {
                        throw new IllegalStateException("rdma not in " + c.cgroupControllers());
                    }
                    return List.of();
                }
                """);
        InstalledPlugins installed = install();
        assertEquals(List.of(), installed.refused(), installed.reports().toString());
        assertEquals(List.of("rdma"), installed.cgroupControllers().stream().map(c -> c.service().name()).toList());
    }
}
