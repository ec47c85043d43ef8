package dev.contedor.runtime.plugins;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import dev.contedor.api.error.PluginException;
import dev.contedor.api.isolation.Isolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginLoaderTest {
    @TempDir
    Path tmp;

    private final ClassLoader testLoader = PluginLoaderTest.class.getClassLoader();

    private Path plugins() throws IOException {
        return Files.createDirectories(tmp.resolve("plugins"));
    }

    private static List<String> names(List<Isolator> isolators) {
        return isolators.stream().map(Isolator::name).toList();
    }

    /** What the JDK finds on the builtins loader, independent of PluginLoader. */
    private static Set<String> serviceNames(ClassLoader loader) {
        return ServiceLoader.load(Isolator.class, loader).stream().map(p -> p.get().name()).collect(Collectors.toSet());
    }

    private static void assertOneLine(String message) {
        assertFalse(message.contains("\n"), () -> "not one line: " + message);
    }

    private PluginException loadFails(Path dir) {
        return assertThrows(PluginException.class, () -> new PluginLoader(testLoader).load(dir));
    }

    @Test
    void anEmptyOrMissingFolderGivesJustTheBuiltins() throws IOException {
        Set<String> builtins = serviceNames(testLoader);
        PluginLoader loader = new PluginLoader(testLoader);
        assertEquals(builtins, Set.copyOf(names(loader.load(plugins()))));
        assertEquals(builtins, Set.copyOf(names(loader.load(tmp.resolve("no-such-folder")))));
        assertEquals(builtins, Set.copyOf(names(loader.load(null))));
        assertEquals(builtins.size(), loader.load(plugins()).size());
    }

    @Test
    void builtinsComeFromTheGivenClassLoader() throws IOException {
        Path jar = PluginJars.entries().klass("test.builtin.Cgroup", PluginJars.isolator("test.builtin.Cgroup", "cgroup.memory"))
                .services("test.builtin.Cgroup").writeTo(tmp.resolve("builtin/b.jar"));
        try (URLClassLoader builtins = new URLClassLoader(new URL[] {jar.toUri().toURL()}, testLoader)) {
            List<Isolator> found = new PluginLoader(builtins).load(tmp.resolve("none"));
            assertTrue(names(found).contains("cgroup.memory"), names(found)::toString);
            assertEquals(serviceNames(builtins), Set.copyOf(names(found)));
        }
    }

    @Test
    void loadsThePluginsOfEveryJarEachInALoaderOfItsOwn() throws IOException {
        Path dir = plugins();
        PluginJars.entries()
                .klass("test.a.Alpha", PluginJars.isolator("test.a.Alpha", "alpha"))
                .klass("test.a.Beta", PluginJars.isolator("test.a.Beta", "beta"))
                .services("# two isolators", "test.a.Alpha", "", "test.a.Beta")
                .writeTo(dir.resolve("a.jar"));
        PluginJars.entries().klass("test.g.Gamma", PluginJars.isolator("test.g.Gamma", "gamma"))
                .services("test.g.Gamma").writeTo(dir.resolve("g.jar"));

        List<Isolator> all = new PluginLoader(testLoader).load(dir);
        Set<String> expected = new java.util.HashSet<>(serviceNames(testLoader));
        expected.addAll(Set.of("alpha", "beta", "gamma"));
        assertEquals(expected, Set.copyOf(names(all)));
        assertEquals(expected.size(), all.size());

        Isolator alpha = all.stream().filter(i -> i.name().equals("alpha")).findFirst().orElseThrow();
        Isolator beta = all.stream().filter(i -> i.name().equals("beta")).findFirst().orElseThrow();
        Isolator gamma = all.stream().filter(i -> i.name().equals("gamma")).findFirst().orElseThrow();
        ClassLoader aLoader = alpha.getClass().getClassLoader();
        assertNotSame(testLoader, aLoader);
        assertSame(aLoader, beta.getClass().getClassLoader(), "one loader per jar");
        assertNotSame(aLoader, gamma.getClass().getClassLoader(), "each jar its own loader");
        assertSame(testLoader, aLoader.getParent(), "a plugin's loader has contedor's as parent");
        assertTrue(alpha.appliesTo(null));
    }

    @Test
    void filesThatAreNotJarsAreIgnored() throws IOException {
        Path dir = plugins();
        Files.writeString(dir.resolve("README.txt"), "not a jar");
        Files.writeString(dir.resolve("old.jar.bak"), "not a jar either");
        Files.createDirectories(dir.resolve("sub"));
        assertEquals(serviceNames(testLoader), Set.copyOf(names(new PluginLoader(testLoader).load(dir))));
    }

    @Test
    void aCorruptJarIsReportedWithItsPath() throws IOException {
        Path jar = Files.writeString(plugins().resolve("x.jar"), "this is not a zip file");
        PluginException e = loadFails(jar.getParent());
        assertEquals(jar, e.jar());
        assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
        assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
        assertOneLine(e.getMessage());
    }

    @Test
    void anEmptyFileNamedJarIsReportedWithItsPath() throws IOException {
        Path jar = Files.write(plugins().resolve("empty.jar"), new byte[0]);
        PluginException e = loadFails(jar.getParent());
        assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
    }

    @Test
    void aServiceNamingAMissingClassIsReportedWithTheJarAndTheClass() throws IOException {
        Path jar = PluginJars.entries().services("com.example.MissingIsolator").writeTo(plugins().resolve("missing.jar"));
        PluginException e = loadFails(jar.getParent());
        assertEquals(jar, e.jar());
        assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("com.example.MissingIsolator"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void aServiceNamingAClassThatIsNotAnIsolatorIsReported() throws IOException {
        Path jar = PluginJars.entries().klass("test.x.Impostor", PluginJars.notAnIsolator("test.x.Impostor"))
                .services("test.x.Impostor").writeTo(plugins().resolve("impostor.jar"));
        PluginException e = loadFails(jar.getParent());
        assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("test.x.Impostor"), e.getMessage());
    }

    @Test
    void aJarListingNoIsolatorIsReported() throws IOException {
        Path jar = PluginJars.entries().klass("test.n.Lonely", PluginJars.isolator("test.n.Lonely", "lonely"))
                .file("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n").writeTo(plugins().resolve("noservices.jar"));
        PluginException e = loadFails(jar.getParent());
        assertEquals(jar, e.jar());
        assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("lists no isolator"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void aJarListingOnlyBuiltinClassesListsNoIsolatorOfItsOwn() throws IOException {
        // a services file naming a class already on contedor's class path loads it from there, not from the jar
        Path jar = PluginJars.entries().services(FakeIsolator.class.getName()).writeTo(plugins().resolve("borrowed.jar"));
        PluginException e = loadFails(jar.getParent());
        assertTrue(e.getMessage().contains("lists no isolator"), e.getMessage());
    }

    @Test
    void aPluginClashingWithABuiltinIsRefused() throws IOException {
        Path builtinJar = PluginJars.entries().klass("test.builtin.Uts", PluginJars.isolator("test.builtin.Uts", "uts"))
                .services("test.builtin.Uts").writeTo(tmp.resolve("builtin/uts.jar"));
        Path plugin = PluginJars.entries().klass("test.p.MyUts", PluginJars.isolator("test.p.MyUts", "uts"))
                .services("test.p.MyUts").writeTo(plugins().resolve("myuts.jar"));
        try (URLClassLoader builtins = new URLClassLoader(new URL[] {builtinJar.toUri().toURL()}, testLoader)) {
            assertEquals(Set.of("uts"), serviceNames(builtins), "precondition: the built-in is found");
            PluginException e = assertThrows(PluginException.class, () -> new PluginLoader(builtins).load(plugin.getParent()));
            assertEquals(plugin, e.jar());
            assertTrue(e.getMessage().contains(plugin.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("'uts'"), e.getMessage());
            assertTrue(e.getMessage().contains("built-in"), e.getMessage());
        }
    }

    @Test
    void twoPluginsWithOneNameAreRefusedNamingBothJars() throws IOException {
        Path dir = plugins();
        Path a = PluginJars.entries().klass("test.a.Net", PluginJars.isolator("test.a.Net", "net.veth"))
                .services("test.a.Net").writeTo(dir.resolve("a.jar"));
        Path b = PluginJars.entries().klass("test.b.Net", PluginJars.isolator("test.b.Net", "net.veth"))
                .services("test.b.Net").writeTo(dir.resolve("b.jar"));
        PluginException e = loadFails(dir);
        assertTrue(e.getMessage().contains(a.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(b.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("net.veth"), e.getMessage());
    }

    @Test
    void twoBuiltinsWithOneNameAreARuntimeError() throws IOException {
        Path one = PluginJars.entries().klass("test.b1.Pid", PluginJars.isolator("test.b1.Pid", "pid"))
                .services("test.b1.Pid").writeTo(tmp.resolve("b1/pid.jar"));
        Path two = PluginJars.entries().klass("test.b2.Pid", PluginJars.isolator("test.b2.Pid", "pid"))
                .services("test.b2.Pid").writeTo(tmp.resolve("b2/pid.jar"));
        try (URLClassLoader builtins = new URLClassLoader(new URL[] {one.toUri().toURL(), two.toUri().toURL()}, testLoader)) {
            ContedorException e = assertThrows(ContedorException.class, () -> new PluginLoader(builtins).load(null));
            assertTrue(e.getMessage().contains("'pid'"), e.getMessage());
            assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
        }
    }

    @Test
    void anIsolatorThatCannotNameItselfIsReportedWithItsJar() throws IOException {
        Path jar = PluginJars.entries().klass("test.q.Mute", PluginJars.isolator("test.q.Mute", null))
                .services("test.q.Mute").writeTo(plugins().resolve("mute.jar"));
        PluginException e = loadFails(jar.getParent());
        assertEquals(jar, e.jar());
        assertTrue(e.getMessage().contains("test.q.Mute"), e.getMessage());
        assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
    }

    /** An isolator on the test class path, for the borrowed-class case. */
    public static final class FakeIsolator implements Isolator {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public boolean appliesTo(dev.contedor.api.spec.ContainerSpec spec) {
            return false;
        }

        @Override
        public void contribute(dev.contedor.api.spec.ContainerSpec spec, dev.contedor.api.launch.LaunchPlan.Builder plan) {
        }
    }
}
