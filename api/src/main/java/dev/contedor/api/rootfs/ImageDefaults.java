package dev.contedor.api.rootfs;

import java.util.List;
import java.util.Optional;

/**
 * What an image says a container runs when the user does not say otherwise (the OCI image
 * config's {@code Entrypoint}, {@code Cmd}, {@code Env}, {@code WorkingDir} and {@code User}).
 */
public record ImageDefaults(List<String> entrypoint, List<String> cmd, List<String> env,
                            Optional<String> workingDir, Optional<String> user) {
    /** A root filesystem without an image config: nothing to default. */
    public static final ImageDefaults NONE = new ImageDefaults(List.of(), List.of(), List.of(), Optional.empty(),
            Optional.empty());

    public ImageDefaults {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        workingDir = workingDir.filter(w -> !w.isEmpty());
        user = user.filter(u -> !u.isEmpty());
    }
}
