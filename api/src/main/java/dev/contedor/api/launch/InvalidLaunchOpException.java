package dev.contedor.api.launch;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;

/**
 * A child-side step was given arguments the stage cannot carry out (a relative path, a
 * sysctl outside the container's namespaces, a soft limit above the hard one). The message
 * names the step and the fix; it is raised when the step is made, before anything runs.
 */
public final class InvalidLaunchOpException extends ContedorException {
    public InvalidLaunchOpException(String message) {
        super(ExitCode.RUNTIME_FAILURE, message);
    }
}
