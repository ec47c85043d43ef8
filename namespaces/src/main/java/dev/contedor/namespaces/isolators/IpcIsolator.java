package dev.contedor.namespaces.isolators;

import dev.contedor.api.spec.NamespaceType;

/** An IPC namespace: System V queues, semaphores and shared memory, and POSIX queues of its own. */
public final class IpcIsolator extends NamespaceIsolator {
    public IpcIsolator() {
        super(NamespaceType.IPC);
    }

    @Override
    public String name() {
        return "ipc";
    }
}
