package dev.contedor.testkit;

import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.ProvidedFile;
import dev.contedor.api.spec.NamespaceType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Assertions on a launch plan, failing with the plan's steps in the message:
 * {@code PlanAssert.assertThat(plan).providesFile("/etc/audit", "on\n").hasNoNewNamespaces()}.
 */
public final class PlanAssert {
    private final LaunchPlan plan;

    private PlanAssert(LaunchPlan plan) {
        this.plan = plan;
    }

    public static PlanAssert assertThat(LaunchPlan plan) {
        return new PlanAssert(plan);
    }

    /** The plan has a file provided at that path inside the container. */
    public PlanAssert providesFile(String containerPath) {
        file(containerPath).orElseThrow(() -> fail("no file provided at " + containerPath));
        return this;
    }

    /** The plan provides that file with that content (UTF-8). */
    public PlanAssert providesFile(String containerPath, String content) {
        ProvidedFile file = file(containerPath).orElseThrow(() -> fail("no file provided at " + containerPath));
        String actual = new String(file.content(), StandardCharsets.UTF_8);
        if (!actual.equals(content)) {
            throw fail(containerPath + " holds \"" + actual + "\", expected \"" + content + "\"");
        }
        return this;
    }

    /**
     * Nothing beyond the sync point and the exec every plan has: no namespace, step or file (a
     * plugin that does not apply, or acts on the parent side only).
     */
    public PlanAssert addsNothing() {
        boolean onlyTheFrame = plan.ops().stream().allMatch(op -> op instanceof LaunchOp.AwaitParent || op instanceof LaunchOp.Exec);
        if (!plan.newNamespaces().isEmpty() || !plan.joins().isEmpty() || !onlyTheFrame || !plan.files().isEmpty()) {
            throw fail("expected nothing added to the plan");
        }
        return this;
    }

    /** The plan holds a step of that kind, e.g. {@code LaunchOp.Mount.class}. */
    public PlanAssert hasStep(Class<? extends LaunchOp> kind) {
        if (plan.ops().stream().noneMatch(kind::isInstance)) {
            throw fail("no " + kind.getSimpleName() + " step");
        }
        return this;
    }

    /** The plan holds a step whose {@link LaunchOp#describe()} contains the text. */
    public PlanAssert hasStepDescribed(String text) {
        if (plan.ops().stream().noneMatch(op -> op.describe().contains(text))) {
            throw fail("no step mentions \"" + text + "\"");
        }
        return this;
    }

    /** The container gets a new namespace of that type. */
    public PlanAssert createsNamespace(NamespaceType type) {
        if (!plan.newNamespaces().contains(type)) {
            throw fail("no new " + type + " namespace");
        }
        return this;
    }

    /** The steps, as {@code run --explain} describes them. */
    public List<String> steps() {
        return plan.ops().stream().map(LaunchOp::describe).toList();
    }

    private Optional<ProvidedFile> file(String containerPath) {
        return plan.files().stream().filter(f -> f.containerPath().equals(containerPath)).findFirst();
    }

    private AssertionError fail(String message) {
        String files = plan.files().stream().map(ProvidedFile::containerPath).collect(Collectors.joining(", "));
        return new AssertionError(message + "\nplan: namespaces " + plan.newNamespaces() + ", files [" + files + "], steps:\n  "
                + String.join("\n  ", steps()));
    }
}
