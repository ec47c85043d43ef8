package dev.contedor.runtime.plugins;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.PluginException;
import dev.contedor.api.isolation.Isolator;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.zip.ZipFile;

/**
 * Finds isolators: the built-in ones on the class path, then those of every jar in the
 * plugins folder, each jar in a class loader of its own. A jar that cannot be read, or
 * whose isolators cannot be loaded or clash by name, stops the runtime with an error that
 * names the jar: a container must never start with an isolator silently missing.
 */
public final class PluginLoader {
    private final ClassLoader builtins;

    public PluginLoader(ClassLoader builtins) {
        this.builtins = builtins;
    }

    public List<Isolator> load(Path pluginsDir) {
        Map<String, String> origins = new HashMap<>();
        List<Isolator> isolators = new ArrayList<>();
        for (Isolator isolator : ServiceLoader.load(Isolator.class, builtins)) {
            register(isolator, "built-in", origins, isolators, null);
        }
        for (Path jar : jars(pluginsDir)) {
            for (Isolator isolator : loadJar(jar)) {
                register(isolator, jar.toString(), origins, isolators, jar);
            }
        }
        return List.copyOf(isolators);
    }

    private static void register(Isolator isolator, String origin, Map<String, String> origins,
                                 List<Isolator> isolators, Path jar) {
        String name;
        try {
            name = isolator.name();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginException(jar, "isolator " + isolator.getClass().getName() + " failed to give its name: " + e, e);
        }
        String previous = origins.putIfAbsent(name, origin);
        if (previous != null) {
            String message = "isolator name '" + name + "' is already taken by " + previous;
            if (jar == null) {
                throw ContedorException.runtime(message);
            }
            throw new PluginException(jar, message, null);
        }
        isolators.add(isolator);
    }

    private static List<Path> jars(Path pluginsDir) {
        if (pluginsDir == null || !Files.isDirectory(pluginsDir)) {
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(pluginsDir, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            throw ContedorException.runtime("plugins folder " + pluginsDir + ": " + e.getMessage(), e);
        }
        jars.sort(null);
        return jars;
    }

    private List<Isolator> loadJar(Path jar) {
        try (ZipFile ignored = new ZipFile(jar.toFile())) {
            // opened only to tell a corrupt jar from a class loading failure
        } catch (IOException e) {
            throw new PluginException(jar, "not a readable jar (" + e.getMessage() + ")", e);
        }
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new PluginException(jar, e.getMessage(), e);
        }
        // the plugin's loader stays open for the life of the runtime: its classes are in use
        URLClassLoader loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {url}, builtins);
        List<Isolator> found = new ArrayList<>();
        try {
            Iterator<Isolator> it = ServiceLoader.load(Isolator.class, loader).iterator();
            while (it.hasNext()) {
                Isolator isolator = it.next();
                if (isolator.getClass().getClassLoader() == loader) {
                    found.add(isolator);
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new PluginException(jar, "cannot load its isolators: " + rootMessage(e), e);
        }
        if (found.isEmpty()) {
            throw new PluginException(jar, "lists no isolator in META-INF/services/" + Isolator.class.getName(), null);
        }
        return found;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            sb.append(": ").append(t);
        }
        return sb.toString();
    }
}
