package dev.contedor.runtime.spec;

import dev.contedor.api.spec.ContainerFile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The files docker gives every container, made from the host's facts: /etc/hostname,
 * /etc/hosts (the host's with its network, else a loopback one naming the container) and
 * /etc/resolv.conf (the host's, without loopback resolvers, unreachable from a network
 * namespace of its own).
 */
final class EtcFiles {
    private EtcFiles() {
    }

    static List<ContainerFile> of(String hostname, boolean hostNetwork, HostFacts host) {
        return List.of(new ContainerFile("/etc/hostname", hostname + "\n"),
                new ContainerFile("/etc/hosts", hosts(hostname, hostNetwork, host.hosts())),
                new ContainerFile("/etc/resolv.conf", resolvConf(hostNetwork, host.resolvConf())));
    }

    static String hosts(String hostname, boolean hostNetwork, String hostHosts) {
        if (hostNetwork && !hostHosts.isEmpty()) {
            return hostHosts;
        }
        return """
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                ff00::0\tip6-mcastprefix
                ff02::1\tip6-allnodes
                ff02::2\tip6-allrouters
                127.0.1.1\t%s
                """.formatted(hostname);
    }

    static String resolvConf(boolean hostNetwork, String hostResolv) {
        if (hostNetwork) {
            return hostResolv;
        }
        return hostResolv.lines()
                .filter(l -> !l.matches("\\s*nameserver\\s+(127\\.|::1).*"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
