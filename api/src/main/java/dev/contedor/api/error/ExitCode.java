package dev.contedor.api.error;

/** The exit codes docker and podman give when the container's own command did not run. */
public enum ExitCode {
    /** contedor itself failed: bad input, missing rootfs, a launch operation refused by the kernel. */
    RUNTIME_FAILURE(125),
    /** The command was found but could not be executed (permissions, not an executable). */
    CANNOT_EXECUTE(126),
    /** The command was not found in the container. */
    NOT_FOUND(127);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
