package dev.contedor.rootfs.extract;

import dev.contedor.host.ProcessCredentials;

/**
 * What the extractor may do besides writing files.
 *
 * @param preserveOwnership lchown entries to their numeric uid/gid (needs root)
 * @param createDevices     mknod character and block devices (needs root, and not in a user namespace)
 * @param interceptor       sees each entry before the default handling (whiteouts, filters)
 * @param budget            charged with every entry and every byte of content written
 */
public record ExtractionOptions(boolean preserveOwnership, boolean createDevices, EntryInterceptor interceptor,
                                WriteBudget budget) {

    public ExtractionOptions {
        if (interceptor == null) {
            interceptor = EntryInterceptor.NONE;
        }
        if (budget == null) {
            budget = WriteBudget.unlimited();
        }
    }

    /** Without a write budget. */
    public ExtractionOptions(boolean preserveOwnership, boolean createDevices, EntryInterceptor interceptor) {
        this(preserveOwnership, createDevices, interceptor, null);
    }

    /** Everything the current user is allowed to do; root preserves owners and creates devices. */
    public static ExtractionOptions forCurrentUser() {
        boolean root = ProcessCredentials.isRoot();
        return new ExtractionOptions(root, root, EntryInterceptor.NONE);
    }

    public ExtractionOptions withInterceptor(EntryInterceptor newInterceptor) {
        return new ExtractionOptions(preserveOwnership, createDevices, newInterceptor, budget);
    }

    public ExtractionOptions withBudget(WriteBudget newBudget) {
        return new ExtractionOptions(preserveOwnership, createDevices, interceptor, newBudget);
    }
}
