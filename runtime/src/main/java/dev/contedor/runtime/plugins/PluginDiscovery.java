package dev.contedor.runtime.plugins;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.plugin.Plugin;
import dev.contedor.api.plugin.SpiVersion;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Finds plugins: contedor's own ({@code META-INF/services} on its class path) and each jar or
 * folder of jars in the plugins folder, the latter in a class loader of its own that sees only
 * the SPI and the JDK ({@link ApiOnlyClassLoader}), after its declared SPI version was checked.
 */
final class PluginDiscovery {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

    private final ClassLoader contedor;

    PluginDiscovery(ClassLoader contedor) {
        this.contedor = contedor;
    }

    List<Candidate> builtIns() {
        List<Candidate> found = new ArrayList<>();
        try {
            for (Plugin plugin : ServiceLoader.load(Plugin.class, contedor)) {
                String name = plugin.name();
                found.add(new Candidate(plugin, name, plugin.version(), new PluginSource.BuiltIn(), SpiVersion.CURRENT));
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            throw ContedorException.runtime("a built-in plugin cannot be loaded: " + PluginManager.causes(e)
                    + "; the installation is broken, rebuild it with mvn package", e);
        }
        return found;
    }

    /** The jars and folders of the plugins folder, sorted; a folder of jars is one plugin. */
    static List<Path> entries(Path pluginsDir) {
        if (pluginsDir == null || !Files.isDirectory(pluginsDir)) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(pluginsDir)) {
            for (Path p : stream) {
                if (Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar")) {
                    entries.add(p);
                }
            }
        } catch (IOException e) {
            throw ContedorException.runtime("plugins folder " + pluginsDir + ": " + e.getMessage(), e);
        }
        entries.sort(null);
        return entries;
    }

    List<Candidate> external(Path entry) throws PluginRefusal {
        List<Path> jars = jars(entry);
        SpiVersion spi = declaredSpi(jars);
        if (!SpiVersion.CURRENT.accepts(spi)) {
            throw new PluginRefusal("built for SPI " + spi + ", but this contedor provides SPI " + SpiVersion.CURRENT
                    + ": rebuild it against contedor-api " + SpiVersion.CURRENT + (spi.major() != SpiVersion.CURRENT.major()
                    ? " (a new major version changes the SPI incompatibly)" : " (it needs a newer contedor)"));
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < jars.size(); i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginRefusal(e.getMessage(), e);
            }
        }
        // open for the life of the process: the plugin's classes are in use until it ends
        URLClassLoader loader = new URLClassLoader("plugin:" + entry.getFileName(), urls, new ApiOnlyClassLoader(contedor));
        List<Candidate> found = new ArrayList<>();
        try {
            Iterator<Plugin> it = ServiceLoader.load(Plugin.class, loader).iterator();
            while (it.hasNext()) {
                Plugin plugin = it.next();
                if (plugin.getClass().getClassLoader() != loader) {
                    continue;
                }
                String name = plugin.name();
                if (name == null || !NAME.matcher(name).matches()) {
                    throw new PluginRefusal("its name '" + name + "' is not a plugin name (lowercase letters, digits, dots, dashes)");
                }
                found.add(new Candidate(plugin, name, String.valueOf(plugin.version()), new PluginSource.External(entry), spi));
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            throw new PluginRefusal("cannot load its plugin class: " + PluginManager.causes(e), e);
        }
        if (found.isEmpty()) {
            throw new PluginRefusal("lists no plugin in META-INF/services/" + Plugin.class.getName()
                    + (lists(loader, "META-INF/services/dev.contedor.api.isolation.Isolator")
                    ? " (it lists isolators directly, the old way: wrap them in a Plugin, see docs/plugins.md)" : ""));
        }
        return found;
    }

    private static boolean lists(ClassLoader loader, String resource) {
        return loader.getResource(resource) != null;
    }

    private static List<Path> jars(Path entry) throws PluginRefusal {
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(entry, "*.jar")) {
                stream.forEach(jars::add);
            } catch (IOException e) {
                throw new PluginRefusal("cannot list the folder: " + e.getMessage(), e);
            }
            if (jars.isEmpty()) {
                throw new PluginRefusal("the folder holds no jar");
            }
            jars.sort(null);
        } else {
            jars.add(entry);
        }
        return jars;
    }

    /** The SPI version a plugin declares in its manifest; in a folder, the first jar that declares one. */
    private static SpiVersion declaredSpi(List<Path> jars) throws PluginRefusal {
        for (Path jar : jars) {
            Manifest manifest;
            try (JarFile file = new JarFile(jar.toFile())) {
                manifest = file.getManifest();
            } catch (IOException e) {
                throw new PluginRefusal((jars.size() > 1 ? jar.getFileName() + " is " : "") + "not a readable jar ("
                        + e.getMessage() + ")", e);
            }
            String declared = manifest == null ? null : manifest.getMainAttributes().getValue(new Attributes.Name(SpiVersion.MANIFEST_ATTRIBUTE));
            if (declared != null) {
                try {
                    return SpiVersion.parse(declared);
                } catch (IllegalArgumentException e) {
                    throw new PluginRefusal(SpiVersion.MANIFEST_ATTRIBUTE + " in its manifest: " + e.getMessage(), e);
                }
            }
        }
        throw new PluginRefusal("declares no SPI version: add '" + SpiVersion.MANIFEST_ATTRIBUTE + ": " + SpiVersion.CURRENT
                + "' to its jar's manifest (see docs/plugins.md)");
    }

    static String fileName(Path entry) {
        String name = entry.getFileName().toString();
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }
}
