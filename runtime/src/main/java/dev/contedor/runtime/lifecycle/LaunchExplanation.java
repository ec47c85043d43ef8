package dev.contedor.runtime.lifecycle;

import dev.contedor.api.launch.LaunchPlan;

import java.util.List;

/**
 * What {@code run --explain} shows: the child's plan and the parent-side steps the runtime
 * takes while the child waits at its first step (state folder, provided files, each
 * isolator's hooks: cgroup folders, limits, attach).
 */
public record LaunchExplanation(LaunchPlan plan, List<String> parentSteps) {
    public LaunchExplanation {
        parentSteps = List.copyOf(parentSteps);
    }
}
