package dev.contedor.api.error;

import java.nio.file.Path;

/** A plugin jar could not be loaded or one of its isolators failed; the message names the jar. */
public final class PluginException extends ContedorException {
    private final Path jar;

    public PluginException(Path jar, String message, Throwable cause) {
        super(ExitCode.RUNTIME_FAILURE, "plugin " + jar + ": " + message, cause);
        this.jar = jar;
    }

    public Path jar() {
        return jar;
    }
}
