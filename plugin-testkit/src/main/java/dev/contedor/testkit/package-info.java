/**
 * The plugin test kit: {@link dev.contedor.testkit.ContainerSpecs} makes container specs,
 * {@link dev.contedor.testkit.PluginHarness} drives a plugin as the engine does with a
 * {@link dev.contedor.testkit.FakePluginContext}, {@link dev.contedor.testkit.PlanAssert}
 * checks the plan, {@link dev.contedor.testkit.FakeCgroupDirectory} stands for a cgroup
 * folder, and {@link dev.contedor.testkit.RealContainer} runs the plugin in real containers.
 */
package dev.contedor.testkit;
