package dev.contedor.api.spec;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The container's command and how it runs, OCI's {@code process} object.
 *
 * @param terminal     give the command a pseudo-terminal ({@code -t})
 * @param interactive  keep standard input attached ({@code -i}); without it stdin is /dev/null
 * @param args         the command and its arguments; {@code args[0]} is looked up in the container's PATH
 * @param env          {@code KEY=VALUE} pairs
 * @param cwd          the absolute working directory inside the container
 * @param capabilities the capabilities the command keeps (bounding, effective, permitted)
 */
public record ProcessSpec(boolean terminal, boolean interactive, List<String> args, List<String> env,
                          String cwd, User user, Set<Capability> capabilities, boolean noNewPrivileges) {
    public ProcessSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
        capabilities = Set.copyOf(capabilities);
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(user, "user");
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a container needs a command");
        }
        if (!cwd.startsWith("/")) {
            throw new IllegalArgumentException("the working directory must be absolute: " + cwd);
        }
    }
}
