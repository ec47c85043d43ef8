package dev.contedor.runtime.plugins;

import dev.contedor.api.error.ContedorException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugins switched off with {@code contedor plugins disable NAME}: one name a line in
 * {@code DATA-ROOT/plugins.disabled}. Kept in the data folder, not next to the jars, so that a
 * plugins folder can be read-only or shared; written atomically (temp file and rename).
 */
public final class DisabledPlugins {
    public static final String FILE_NAME = "plugins.disabled";

    private final Path file;

    public DisabledPlugins(Path dataRoot) {
        this.file = dataRoot.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public Set<String> names() {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Set<String> names = new TreeSet<>();
            lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
            return names;
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw ContedorException.runtime("cannot read " + file + ": " + e.getMessage()
                    + "; fix or remove the file (it lists disabled plugins)", e);
        }
    }

    /** Adds or removes a name; returns whether that changed anything. */
    public boolean set(String name, boolean disabled) {
        Set<String> names = new TreeSet<>(names());
        boolean changed = disabled ? names.add(name) : names.remove(name);
        if (changed) {
            write(names);
        }
        return changed;
    }

    private void write(Set<String> names) {
        StringBuilder text = new StringBuilder("# plugins switched off with 'contedor plugins disable NAME'\n");
        names.forEach(n -> text.append(n).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw ContedorException.runtime("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
