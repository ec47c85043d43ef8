package dev.contedor.runtime.lifecycle;

import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.LaunchPlan;

import java.util.List;

/**
 * A container's launch plan and the isolators that made it, in contribution order: the same
 * isolators run the parent-side hooks and the release, so which ones apply is decided once.
 */
public record PlannedLaunch(LaunchPlan plan, List<Isolator> isolators) {
    public PlannedLaunch {
        isolators = List.copyOf(isolators);
    }
}
