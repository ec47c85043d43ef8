package dev.contedor.runtime.spec;

import dev.contedor.api.spec.Capability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the engine learns from the host to make a container's spec, read once per command,
 * so that no isolator has to read a host file: the capabilities the runtime can grant, its
 * hostname, /etc/hosts and /etc/resolv.conf, and the CPUs and memory nodes online.
 *
 * @param capabilities the runtime's bounding set: a container can get no other (root here may lack CAP_SYS_RESOURCE)
 */
public record HostFacts(Set<Capability> capabilities, String hostname, String hosts, String resolvConf,
                        ResourceParser.HostCpus cpus) {
    public HostFacts {
        capabilities = Set.copyOf(capabilities);
    }

    /** This host, now. */
    public static HostFacts read() {
        return new HostFacts(boundingSet(), readOr(Path.of("/proc/sys/kernel/hostname"), "localhost").strip(),
                readOr(Path.of("/etc/hosts"), ""), readOr(Path.of("/etc/resolv.conf"), ""),
                ResourceParser.HostCpus.read());
    }

    /** {@code CapBnd} of /proc/self/status; every capability when it cannot be read (the stage then reports). */
    static Set<Capability> boundingSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    return capabilities(Long.parseUnsignedLong(line.substring(7).strip(), 16));
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return EnumSet.allOf(Capability.class);
    }

    static Set<Capability> capabilities(long mask) {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        for (Capability c : Capability.values()) {
            if ((mask & (1L << c.number())) != 0) {
                caps.add(c);
            }
        }
        return caps;
    }

    private static String readOr(Path path, String fallback) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return fallback;
        }
    }
}
