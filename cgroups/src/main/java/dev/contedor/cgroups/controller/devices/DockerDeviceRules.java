package dev.contedor.cgroups.controller.devices;

import dev.contedor.api.cgroup.Resources;

import java.util.ArrayList;
import java.util.List;

/**
 * The devices a docker container may use without {@code --privileged} or {@code --device},
 * in the v1 {@code devices.allow} syntax ({@code TYPE MAJOR:MINOR ACCESS}).
 */
public final class DockerDeviceRules {
    /** Every rule is a separate write. */
    public static final List<String> DEFAULT_ALLOWED = List.of(
            "c *:* m",      // mknod of any character device
            "b *:* m",      // mknod of any block device
            "c 1:3 rwm",    // /dev/null
            "c 1:5 rwm",    // /dev/zero
            "c 1:7 rwm",    // /dev/full
            "c 1:8 rwm",    // /dev/random
            "c 1:9 rwm",    // /dev/urandom
            "c 5:0 rwm",    // /dev/tty
            "c 5:1 rwm",    // /dev/console
            "c 5:2 rwm",    // /dev/ptmx
            "c 136:* rwm",  // /dev/pts/*
            "c 10:200 rwm"  // /dev/net/tun
    );

    /** What a container without {@code --privileged} may use: docker's list, then each {@code --device}. */
    public static List<DeviceRule> allowed(Resources resources) {
        List<DeviceRule> rules = new ArrayList<>();
        DEFAULT_ALLOWED.forEach(r -> rules.add(DeviceRule.parse(r)));
        resources.devices().forEach(d -> rules.add(DeviceRule.parse(d.allowRule())));
        return rules;
    }

    private DockerDeviceRules() {
    }
}
