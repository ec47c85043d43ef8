package dev.contedor.rootfs.image;

import dev.contedor.rootfs.image.format.HostPlatform;
import java.util.List;
import java.util.Optional;

/**
 * What an image says about how to run it: the {@code config} object of an OCI or docker
 * image configuration, plus the platform it was built for.
 *
 * @param entrypoint  the command prefix ({@code Entrypoint}); empty when unset
 * @param cmd         the default arguments ({@code Cmd}); empty when unset
 * @param env         {@code NAME=value} entries, in the image's order
 * @param workingDir  the working directory, when the image sets one
 * @param user        the user ({@code name}, {@code uid}, {@code uid:gid} ...), when set
 * @param os          the operating system, e.g. {@code linux}
 * @param architecture the architecture in Go's spelling, e.g. {@code amd64}
 */
public record ImageConfig(List<String> entrypoint, List<String> cmd, List<String> env, Optional<String> workingDir,
                          Optional<String> user, String os, String architecture) {

    public ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        // An empty string in a config means "not set", as docker reads it.
        workingDir = workingDir.filter(s -> !s.isEmpty());
        user = user.filter(s -> !s.isEmpty());
        os = os == null || os.isEmpty() ? "linux" : os;
        architecture = architecture == null || architecture.isEmpty() ? HostPlatform.architecture() : architecture;
    }

    /** Nothing set: no command, no environment, the host's platform. */
    public static ImageConfig empty() {
        return new ImageConfig(List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), "linux",
                HostPlatform.architecture());
    }
}
