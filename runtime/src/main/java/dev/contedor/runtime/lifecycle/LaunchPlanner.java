package dev.contedor.runtime.lifecycle;

import com.google.inject.Inject;
import dev.contedor.api.error.PluginException;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Phase;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.runtime.plugins.IsolatorOrder;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Builds a container's launch plan: every applicable isolator contributes, in dependency
 * order; the planner adds what belongs to no isolator (the sync point, the terminal, the
 * working directory and the exec).
 */
public final class LaunchPlanner {
    private final List<Isolator> isolators;

    @Inject
    public LaunchPlanner(Set<Isolator> isolators) {
        this.isolators = IsolatorOrder.sort(isolators);
    }

    /** The isolators in the order they contribute. */
    public List<Isolator> isolators() {
        return isolators;
    }

    /**
     * The plan, and the isolators that apply (asked once): every applicable isolator
     * contributes, then the planner adds what belongs to none. A resource limit above the
     * runtime's own hard limit is refused here, before launch.
     */
    public PlannedLaunch plan(ContainerSpec spec, Path stateDir) {
        List<Isolator> applicable = isolators.stream().filter(i -> i.appliesTo(spec)).toList();
        LaunchPlan.Builder plan = LaunchPlan.builder(stateDir)
                .terminal(spec.process().terminal())
                .interactive(spec.process().interactive());
        plan.add(Phase.CLONED, new LaunchOp.AwaitParent());
        for (Isolator isolator : applicable) {
            try {
                isolator.contribute(spec, plan);
            } catch (PluginException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new IsolatorFailure(isolator, "contribute", e);
            }
        }
        if (spec.process().terminal()) {
            plan.add(Phase.CONTAINER, new LaunchOp.Console());
        }
        plan.add(Phase.PROCESS, new LaunchOp.ChangeDirectory(spec.process().cwd()));
        plan.add(Phase.EXEC, new LaunchOp.Exec(spec.process().args(), spec.process().env()));
        LaunchPlan built = plan.build();
        RlimitCeiling.check(built);
        return new PlannedLaunch(built, applicable);
    }
}
