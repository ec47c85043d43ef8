package dev.contedor.runtime.spec;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.spec.Capability;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link RunRequest} checked once, before the root filesystem is prepared (which may be
 * slow), with what the checks computed: {@link SpecFactory#create} uses these and checks
 * nothing again but what depends on the root filesystem (the user's name, the image's
 * defaults).
 *
 * @param hostname     validated; empty means the short id, or none with {@code --uts host}
 * @param env          {@code -e} parsed, in order
 * @param resources    the limits, parsed and checked against the host
 * @param cgroupParent normalized, relative
 * @param capabilities the process's capabilities, within what the runtime holds
 * @param host         what the spec takes from the host
 */
public record CheckedRequest(RunRequest request, Optional<String> hostname, Map<String, String> env,
                             Resources resources, String cgroupParent, Set<Capability> capabilities, HostFacts host) {
    public CheckedRequest {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        capabilities = Set.copyOf(capabilities);
    }

    /** The command the user gave (empty to take the image's). */
    public List<String> command() {
        return request.command();
    }
}
