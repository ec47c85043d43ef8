package dev.contedor.cli.commands;

import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.spec.NamespaceType;
import dev.contedor.runtime.lifecycle.LaunchExplanation;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code run --explain}: the plan as numbered steps, the course's by-hand steps generated;
 * the runtime's own steps are shown where the child waits for them.
 */
final class PlanExplainer {
    private PlanExplainer() {
    }

    /** With the user's annotations first (there is no inspect yet: this and the state file show them). */
    static String explain(Map<String, String> annotations, LaunchExplanation explanation) {
        LaunchPlan plan = explanation.plan();
        StringBuilder sb = new StringBuilder();
        annotations.forEach((k, v) -> sb.append(String.format("     annotation %s=%s%n", k, v)));
        String created = plan.newNamespaces().stream().sorted().map(NamespaceType::procName)
                .collect(Collectors.joining(" "));
        Set<NamespaceType> unshared = plan.ops().stream().filter(LaunchOp.Unshare.class::isInstance)
                .map(op -> ((LaunchOp.Unshare) op).type()).collect(Collectors.toSet());
        String shared = Arrays.stream(NamespaceType.values())
                .filter(t -> !plan.newNamespaces().contains(t) && !plan.joins().containsKey(t) && !unshared.contains(t))
                .map(NamespaceType::procName).collect(Collectors.joining(" "));
        int step = 1;
        sb.append(String.format("%3d. clone into new namespaces: %s%n", step++, created.isEmpty() ? "(none)" : created));
        plan.joins().forEach((t, p) -> sb.append(String.format("     join %s namespace %s%n", t.procName(), p)));
        sb.append(String.format("     shared with the host: %s%n", shared.isEmpty() ? "(none)" : shared));
        for (LaunchOp op : plan.ops()) {
            sb.append(String.format("%3d. %s%n", step++, op.describe()));
            if (op instanceof LaunchOp.AwaitParent) {
                explanation.parentSteps().forEach(line -> sb.append(String.format("     runtime: %s%n", line)));
            }
        }
        return sb.toString();
    }
}
