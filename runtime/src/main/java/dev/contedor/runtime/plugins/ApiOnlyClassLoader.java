package dev.contedor.runtime.plugins;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every external plugin's class loader: it shows the SPI packages
 * ({@code dev.contedor.api} and below) from contedor's own loader, and the JDK, and nothing
 * else. A plugin therefore cannot reach contedor's internals or its libraries (Guice, Guava,
 * Jackson, jnr-ffi): they are not part of the contract and change without notice. A plugin
 * that needs a library ships it in its own folder of jars.
 */
final class ApiOnlyClassLoader extends ClassLoader {
    static final String SPI_PACKAGE = "dev.contedor.api.";
    private static final String SPI_RESOURCES = "dev/contedor/api/";

    private final ClassLoader contedor;

    ApiOnlyClassLoader(ClassLoader contedor) {
        // the platform loader as parent: java.*, javax.*, jdk.* and the rest of the JDK
        super("contedor-spi", ClassLoader.getPlatformClassLoader());
        this.contedor = contedor;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            return contedor.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return name.startsWith(SPI_RESOURCES) ? contedor.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        // never contedor's META-INF/services: a plugin's ServiceLoader must find the plugin's own
        return name.startsWith(SPI_RESOURCES) ? contedor.getResources(name) : super.getResources(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        return Collections.emptyEnumeration();
    }
}
