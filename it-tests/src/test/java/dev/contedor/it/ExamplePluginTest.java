package dev.contedor.it;

import dev.contedor.testkit.RealContainer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The example plugin (examples/accounting-plugin), built from the SDK artifacts alone, in real
 * containers: its isolator and its cgroup controller act on containers with its annotation,
 * and only on them; {@code plugins ls} shows it next to the built-ins.
 */
class ExamplePluginTest extends EndToEndTest {
    private static final Path CPUACCT = Path.of("/sys/fs/cgroup/cpuacct");
    private static final String ANNOTATION = "com.example.accounting";

    private Path installExample() throws IOException {
        return Files.copy(ExamplePluginBuild.jar(), contedor.plugins().resolve("accounting-plugin.jar"));
    }

    @Test
    void theAnnotationReachesTheExamplesIsolatorAndController() throws Exception {
        installExample();
        String parent = "contedor-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Process p = contedor.start("run", "--rm", "-i", "--cgroup-parent", parent, "--annotation", ANNOTATION + "=team-a",
                "--", "sh", "-c", "cat /etc/accounting; echo ready; read line; true");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String accounting = out.readLine();
        String ready = out.readLine();
        String notify = null;
        String state = null;
        if ("ready".equals(ready)) {
            if (Files.isDirectory(CPUACCT.resolve(parent))) {
                notify = Files.readString(only(CPUACCT.resolve(parent)).resolve("notify_on_release")).strip();
            }
            try (Stream<Path> s = Files.list(contedor.stateRoot())) {
                Path dir = s.findFirst().orElseThrow();
                state = Files.readString(dir.resolve("state.json"));
            }
        }
        p.getOutputStream().close();
        Contedor.Result r = Contedor.finish(p, 30);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("billed-to: team-a", accounting, r.toString());
        assertTrue(state != null && state.contains("\"" + ANNOTATION + "\"") && state.contains("team-a"),
                "the annotation is kept in the state: " + state);
        assumeTrue(Files.isDirectory(CPUACCT), "the controller's part needs a cgroup v1 cpuacct hierarchy");
        assertEquals("1", notify, "the example's cpuacct controller switched notify_on_release on");
    }

    @Test
    void withoutItsAnnotationTheExampleDoesNothing() throws Exception {
        installExample();
        String parent = "contedor-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Process p = contedor.start("run", "--rm", "-i", "--cgroup-parent", parent, "--", "sh", "-c",
                "cat /etc/accounting 2>/dev/null || echo none; echo ready; read line; true");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String accounting = out.readLine();
        String notify = null;
        if ("ready".equals(out.readLine()) && Files.isDirectory(CPUACCT.resolve(parent))) {
            notify = Files.readString(only(CPUACCT.resolve(parent)).resolve("notify_on_release")).strip();
        }
        p.getOutputStream().close();
        Contedor.Result r = Contedor.finish(p, 30);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("none", accounting, r.toString());
        if (notify != null) {
            assertEquals("0", notify);
        }
        Contedor.Result explain = contedor.run("run", "--explain", "--", "true");
        assertFalse(explain.out().contains("/etc/accounting"), explain.out());
        Contedor.Result explainAnnotated = contedor.run("run", "--explain", "--annotation", ANNOTATION + "=b", "--", "true");
        assertTrue(explainAnnotated.out().contains("/etc/accounting"), explainAnnotated.out());
        assertTrue(explainAnnotated.out().contains("annotation " + ANNOTATION + "=b"), explainAnnotated.out());
    }

    @Test
    void theTestKitRunsThePluginInARealContainer() {
        // what a plugin author's test does (AccountingRealContainerTest), with this suite's data folder
        System.setProperty("contedor.dataRoot", contedor.dataRoot().toString());
        RealContainer kit = RealContainer.withPlugin(ExamplePluginBuild.jar(), work);
        RealContainer.Result r = kit.run("run", "--rm", "--annotation", ANNOTATION + "=kit", "--", "cat", "/etc/accounting");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("billed-to: kit\n", r.out());
    }

    @Test
    void pluginsLsShowsTheBuiltInsAndTheExample() throws IOException {
        Path jar = installExample();
        Contedor.Result r = contedor.run("plugins", "ls");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        for (String builtIn : List.of("namespaces", "cgroups", "rootfs")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(builtIn + " ") && l.contains("built-in") && l.contains("enabled")), r.out());
        }
        String example = lines.stream().filter(l -> l.startsWith("example-accounting ")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(example.contains(jar.toString()) && example.contains("1.0.0") && example.contains("enabled"), example);
        assertTrue(example.contains("isolator example.accounting") && example.contains("cgroup controller cpuacct"), example);
        Contedor.Result json = contedor.run("plugins", "ls", "--format", "json");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"Name\" : \"example-accounting\"") && json.out().contains("\"Enabled\" : true"), json.out());
    }

    @Test
    void aDisabledPluginStaysOutUntilEnabled() throws IOException {
        installExample();
        // a data folder of the test's own: the disabled list lives there
        Contedor own = new Contedor(work.resolve("own"), work.resolve("own-data"));
        Files.copy(ExamplePluginBuild.jar(), own.plugins().resolve("accounting-plugin.jar"));
        assertEquals(0, own.run("plugins", "disable", "example-accounting").exitCode());
        Contedor.Result ls = own.run("plugins", "ls");
        assertTrue(ls.out().lines().anyMatch(l -> l.startsWith("example-accounting ") && l.contains("disabled")), ls.out());
        Contedor.Result builtIn = own.run("plugins", "disable", "cgroups");
        assertEquals(125, builtIn.exitCode(), builtIn.toString());
        assertTrue(builtIn.err().contains("built in"), builtIn.toString());
        assertEquals(0, own.run("plugins", "enable", "example-accounting").exitCode());
        assertTrue(own.run("plugins", "ls").out().lines().anyMatch(l -> l.startsWith("example-accounting ") && l.contains("enabled")));
    }

    @Test
    void aPluginBuiltForAnotherSpiVersionIsRefusedNamingBothVersions() throws IOException {
        Path jar = PluginJars.withSpiVersion(ExamplePluginBuild.jar(), contedor.plugins().resolve("from-the-future.jar"), "2.0");
        Contedor.Result r = contedor.run("run", "--rm", "--annotation", ANNOTATION + "=x", "--", "sh", "-c", "cat /etc/accounting 2>/dev/null; true");
        assertEquals(0, r.exitCode(), "a refused plugin leaves the rest running: " + r);
        assertEquals(1, r.errLines().size(), r.toString());
        String warning = r.errLines().getFirst();
        assertTrue(warning.contains(jar.toString()) && warning.contains("SPI 2.0") && warning.contains("SPI 1.0"), warning);
        assertFalse(r.out().contains("billed-to"), r.toString());
        Contedor.Result ls = contedor.run("plugins", "ls");
        assertTrue(ls.out().contains("refused") && ls.out().contains("SPI 2.0"), ls.out());
    }

    @Test
    void aPluginCannotLoadContedorsInternalClasses() {
        String source = """
                package probe;

                import dev.contedor.api.isolation.Isolator;
                import dev.contedor.api.launch.LaunchPlan;
                import dev.contedor.api.plugin.Plugin;
                import dev.contedor.api.plugin.PluginContext;
                import dev.contedor.api.spec.ContainerSpec;
                import java.nio.charset.StandardCharsets;
                import java.util.List;

                public final class ProbePlugin implements Plugin {
                    public String name() { return "probe"; }

                    public List<Isolator> isolators(PluginContext context) {
                        return List.of(new Isolator() {
                            public String name() { return "probe"; }
                            public boolean appliesTo(ContainerSpec spec) { return true; }
                            public void contribute(ContainerSpec spec, LaunchPlan.Builder plan) {
                                StringBuilder seen = new StringBuilder();
                                for (String name : List.of("com.google.common.collect.ImmutableList", "com.google.inject.Guice",
                                        "dev.contedor.runtime.Engine", "dev.contedor.api.spec.ContainerSpec", "java.util.List")) {
                                    try {
                                        Class.forName(name, false, ProbePlugin.class.getClassLoader());
                                        seen.append(name).append(": loaded\\n");
                                    } catch (ClassNotFoundException e) {
                                        seen.append(name).append(": ClassNotFoundException\\n");
                                    }
                                }
                                plan.provideFile("/etc/probe", seen.toString().getBytes(StandardCharsets.UTF_8), true);
                            }
                        });
                    }
                }
                """;
        PluginJars.compile(work, contedor.plugins().resolve("probe.jar"), "probe.ProbePlugin", "1.0", java.util.Map.of("probe.ProbePlugin", source));
        Contedor.Result r = contedor.run("run", "--rm", "--", "cat", "/etc/probe");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("""
                com.google.common.collect.ImmutableList: ClassNotFoundException
                com.google.inject.Guice: ClassNotFoundException
                dev.contedor.runtime.Engine: ClassNotFoundException
                dev.contedor.api.spec.ContainerSpec: loaded
                java.util.List: loaded
                """, r.out());
    }

    private static Path only(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> children = s.filter(Files::isDirectory).toList();
            assertEquals(1, children.size(), "one container folder in " + dir + ": " + children);
            return children.getFirst();
        }
    }
}
