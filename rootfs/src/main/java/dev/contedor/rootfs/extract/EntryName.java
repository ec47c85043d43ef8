package dev.contedor.rootfs.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * A tar entry name reduced to safe path components: leading {@code ./}, empty and {@code .}
 * components are dropped; absolute names and any {@code ..} component are refused, because
 * an entry must never name anything outside the tree it is extracted into. Two names are
 * equal when their components are; the raw form is kept only to name the entry in messages.
 */
public final class EntryName {
    private final String raw;
    private final List<String> components;

    private EntryName(String raw, List<String> components) {
        this.raw = raw;
        this.components = List.copyOf(components);
    }

    /**
     * @param raw the name as stored in the archive
     * @throws UnsafeEntryException if the name is absolute, climbs with {@code ..}, or contains NUL
     */
    public static EntryName parse(String raw) throws UnsafeEntryException {
        if (raw.indexOf('\0') >= 0) {
            throw new UnsafeEntryException(raw, "its name contains a NUL byte");
        }
        if (raw.startsWith("/")) {
            throw new UnsafeEntryException(raw, "its name is absolute");
        }
        List<String> parts = new ArrayList<>();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new UnsafeEntryException(raw, "its name contains a '..' component");
            }
            parts.add(part);
        }
        return new EntryName(raw, parts);
    }

    /** The name as the archive stores it. */
    public String raw() {
        return raw;
    }

    public List<String> components() {
        return components;
    }

    /** True for the extraction root itself (an archive's {@code ./} entry). */
    public boolean isRoot() {
        return components.isEmpty();
    }

    /** The last component; the root has none. */
    public String fileName() {
        if (isRoot()) {
            throw new IllegalStateException("the root has no file name");
        }
        return components.getLast();
    }

    /** The names above this one, outermost first (empty for a top-level entry). */
    public List<String> parentComponents() {
        return isRoot() ? List.of() : components.subList(0, components.size() - 1);
    }

    public int depth() {
        return components.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntryName other && components.equals(other.components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    /** The normalised relative path, {@code .} for the root. */
    @Override
    public String toString() {
        return isRoot() ? "." : String.join("/", components);
    }
}
