package dev.contedor.cgroups.controller;

import dev.contedor.api.cgroup.CgroupController;

/** The words for a limit the host cannot enforce. */
public final class UnavailableController {
    private UnavailableController() {
    }

    public static String message(CgroupController controller) {
        String names = controller.v1Name().equals(controller.name()) ? controller.name()
                : controller.name() + " (v1: " + controller.v1Name() + ")";
        return "the container's limits need the cgroup controller " + names + ", which this host has neither as a"
                + " mounted v1 hierarchy nor in the cgroup2 root's cgroup.controllers";
    }
}
