package dev.contedor.api.isolation;

import dev.contedor.api.spec.ContainerSpec;

import java.nio.file.Path;

/**
 * What a parent-side hook knows: the container, its init's host pid and its state folder.
 */
public record LaunchContext(ContainerSpec spec, long pid, Path stateDir) {
}
