package dev.contedor.runtime.plugins;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.isolation.Isolator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Orders isolators so that each comes after those named in its {@link Isolator#after()};
 * ties are broken by name, so the order never depends on discovery order. A name in
 * {@code after()} that no isolator has is ignored (that isolator is simply not installed).
 */
public final class IsolatorOrder {
    private IsolatorOrder() {
    }

    public static List<Isolator> sort(Collection<Isolator> isolators) {
        Map<String, Isolator> byName = new TreeMap<>();
        isolators.forEach(i -> byName.put(i.name(), i));
        Map<String, Integer> state = new HashMap<>();
        List<Isolator> ordered = new ArrayList<>();
        for (String name : byName.keySet()) {
            visit(name, byName, state, ordered, new LinkedHashSet<>());
        }
        return List.copyOf(ordered);
    }

    private static void visit(String name, Map<String, Isolator> byName, Map<String, Integer> state,
                              List<Isolator> ordered, Set<String> path) {
        Isolator isolator = byName.get(name);
        if (isolator == null || state.getOrDefault(name, 0) == 2) {
            return;
        }
        if (!path.add(name)) {
            throw ContedorException.runtime("isolators depend on each other in a cycle: "
                    + String.join(" -> ", path) + " -> " + name);
        }
        isolator.after().stream().sorted(Comparator.naturalOrder())
                .forEach(dep -> visit(dep, byName, state, ordered, path));
        path.remove(name);
        state.put(name, 2);
        ordered.add(isolator);
    }
}
