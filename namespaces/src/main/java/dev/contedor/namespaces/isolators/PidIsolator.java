package dev.contedor.namespaces.isolators;

import dev.contedor.api.spec.NamespaceType;

/** A PID namespace: the command is PID 1 and sees only its own processes (with /proc mounted inside). */
public final class PidIsolator extends NamespaceIsolator {
    public PidIsolator() {
        super(NamespaceType.PID);
    }

    @Override
    public String name() {
        return "pid";
    }
}
