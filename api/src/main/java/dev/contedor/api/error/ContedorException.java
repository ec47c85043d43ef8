package dev.contedor.api.error;

/**
 * An error meant for the user: one line that says what failed and, where there is one,
 * the fix. The CLI prints {@link #getMessage()} without a stack trace unless {@code --debug}.
 */
public class ContedorException extends RuntimeException {
    private final ExitCode exitCode;

    public ContedorException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ContedorException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A runtime failure (exit code 125). */
    public static ContedorException runtime(String message) {
        return new ContedorException(ExitCode.RUNTIME_FAILURE, message);
    }

    public static ContedorException runtime(String message, Throwable cause) {
        return new ContedorException(ExitCode.RUNTIME_FAILURE, message, cause);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
