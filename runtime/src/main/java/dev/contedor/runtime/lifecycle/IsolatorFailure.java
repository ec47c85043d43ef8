package dev.contedor.runtime.lifecycle;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import dev.contedor.api.isolation.Isolator;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/** An isolator threw: the message names it and, for a plugin, the jar it came from. */
public final class IsolatorFailure extends ContedorException {
    public IsolatorFailure(Isolator isolator, String stage, RuntimeException cause) {
        super(cause instanceof ContedorException c ? c.exitCode() : ExitCode.RUNTIME_FAILURE,
                "isolator " + isolator.name() + origin(isolator) + " failed in " + stage + ": "
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
    }

    private static String origin(Isolator isolator) {
        CodeSource source = isolator.getClass().getProtectionDomain().getCodeSource();
        ClassLoader loader = isolator.getClass().getClassLoader();
        if (source == null || loader == null || loader.getName() == null || !loader.getName().startsWith("plugin:")) {
            return "";
        }
        try {
            return " (plugin " + Path.of(source.getLocation().toURI()) + ")";
        } catch (URISyntaxException | RuntimeException e) {
            return " (plugin " + source.getLocation() + ")";
        }
    }
}
