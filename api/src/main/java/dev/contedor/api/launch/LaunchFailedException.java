package dev.contedor.api.launch;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;

/**
 * A launch operation failed in the child: which one, and the kernel's answer. The message
 * is one line that names the system call and its argument, then the step, e.g.
 * {@code mount proc on /proc: Operation not permitted (step: mount proc on /proc [nosuid,nodev,noexec])}.
 */
public final class LaunchFailedException extends ContedorException {
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int ENOEXEC = 8;
    private static final int EPERM = 1;
    private static final int EISDIR = 21;

    private final LaunchOp op;
    private final int errno;

    /** @param detail the stage's text: the failed call and its argument, then the kernel's error */
    public LaunchFailedException(LaunchOp op, int errno, String detail) {
        super(exitCodeFor(op, errno), messageFor(op, errno, detail));
        this.op = op;
        this.errno = errno;
    }

    public LaunchOp op() {
        return op;
    }

    public int errno() {
        return errno;
    }

    private static ExitCode exitCodeFor(LaunchOp op, int errno) {
        if (op instanceof LaunchOp.Exec) {
            if (errno == ENOENT) {
                return ExitCode.NOT_FOUND;
            }
            if (errno == EACCES || errno == ENOEXEC || errno == EPERM || errno == EISDIR) {
                return ExitCode.CANNOT_EXECUTE;
            }
        }
        return ExitCode.RUNTIME_FAILURE;
    }

    private static String messageFor(LaunchOp op, int errno, String detail) {
        if (op instanceof LaunchOp.Exec exec) {
            String cmd = exec.args().getFirst();
            if (errno == ENOENT) {
                return cmd.contains("/")
                        ? cmd + ": no such file or directory in the container"
                        : cmd + ": executable file not found in $PATH of the container";
            }
            if (errno == EACCES || errno == EISDIR) {
                return cmd + ": permission denied: it is not an executable file (check its mode, or that it is not a directory)";
            }
            if (errno == ENOEXEC) {
                return cmd + ": exec format error: not a binary nor a script with #!";
            }
            return detail.startsWith("execve ") ? detail : "execve " + cmd + ": " + detail;
        }
        return detail + " (step: " + op.describe() + ")";
    }
}
