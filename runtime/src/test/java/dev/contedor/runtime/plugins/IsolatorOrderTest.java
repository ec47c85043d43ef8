package dev.contedor.runtime.plugins;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.spec.ContainerSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsolatorOrderTest {
    record Fake(String name, Set<String> after) implements Isolator {
        Fake(String name, String... after) {
            this(name, Set.of(after));
        }

        @Override
        public boolean appliesTo(ContainerSpec spec) {
            return true;
        }

        @Override
        public void contribute(ContainerSpec spec, LaunchPlan.Builder plan) {
        }
    }

    private static List<String> order(Isolator... isolators) {
        return IsolatorOrder.sort(List.of(isolators)).stream().map(Isolator::name).toList();
    }

    private static void assertBefore(List<String> order, String first, String then) {
        assertTrue(order.indexOf(first) >= 0 && order.indexOf(first) < order.indexOf(then),
                () -> first + " must come before " + then + ": " + order);
    }

    @Test
    void withoutDependenciesTheOrderIsByName() {
        assertEquals(List.of("cgroupns", "ipc", "mount", "pid", "uts"),
                order(new Fake("uts"), new Fake("mount"), new Fake("pid"), new Fake("cgroupns"), new Fake("ipc")));
    }

    @Test
    void anIsolatorComesAfterThoseItNames() {
        List<String> order = order(new Fake("a-network", "user"), new Fake("user"), new Fake("caps", "mount"), new Fake("mount"));
        assertEquals(4, order.size());
        assertBefore(order, "user", "a-network");
        assertBefore(order, "mount", "caps");
    }

    @Test
    void dependenciesAreTransitive() {
        List<String> order = order(new Fake("a", "b"), new Fake("b", "c"), new Fake("c", "d"), new Fake("d"));
        assertEquals(List.of("d", "c", "b", "a"), order);
    }

    @Test
    void aDiamondKeepsEveryEdge() {
        List<String> order = order(new Fake("top", "left", "right"), new Fake("left", "base"), new Fake("right", "base"),
                new Fake("base"));
        assertEquals("base", order.getFirst());
        assertEquals("top", order.getLast());
        assertEquals(4, order.size());
    }

    @Test
    void theOrderDoesNotDependOnDiscoveryOrder() {
        List<Isolator> isolators = new ArrayList<>(List.of(new Fake("net", "user"), new Fake("user"),
                new Fake("caps", "mount"), new Fake("mount"), new Fake("pid"), new Fake("cgroup.memory", "cgroupns"),
                new Fake("cgroupns"), new Fake("uts"), new Fake("ipc")));
        List<Isolator> reference = IsolatorOrder.sort(isolators);
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(isolators, random);
            assertEquals(reference, IsolatorOrder.sort(isolators));
        }
        for (Isolator iso : reference) {
            for (String dep : iso.after()) {
                assertBefore(reference.stream().map(Isolator::name).toList(), dep, iso.name());
            }
        }
    }

    @Test
    void unknownNamesAreIgnored() {
        assertEquals(List.of("a", "b"), order(new Fake("b", "not-installed"), new Fake("a", "ghost", "b-missing")));
    }

    @Test
    void keepsTheIsolatorInstances() {
        Fake a = new Fake("a");
        Fake b = new Fake("b", "a");
        List<Isolator> sorted = IsolatorOrder.sort(List.of(b, a));
        assertEquals(List.of(a, b), sorted);
        assertTrue(sorted.get(0) == a && sorted.get(1) == b);
    }

    @Test
    void aCycleIsAnErrorThatNamesIt() {
        ContedorException e = assertThrows(ContedorException.class, () -> IsolatorOrder.sort(List.of(
                new Fake("alpha"), new Fake("net", "user"), new Fake("user", "net"))));
        assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        assertTrue(e.getMessage().contains("net") && e.getMessage().contains("user"), e.getMessage());
        assertTrue(e.getMessage().contains("user -> net") || e.getMessage().contains("net -> user"), e.getMessage());
    }

    @Test
    void aLongerCycleNamesEveryMember() {
        ContedorException e = assertThrows(ContedorException.class, () -> IsolatorOrder.sort(List.of(
                new Fake("a", "b"), new Fake("b", "c"), new Fake("c", "a"))));
        for (String name : List.of("a", "b", "c")) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void anIsolatorAfterItselfIsACycle() {
        ContedorException e = assertThrows(ContedorException.class, () -> IsolatorOrder.sort(List.of(new Fake("narcissus", "narcissus"))));
        assertTrue(e.getMessage().contains("narcissus"), e.getMessage());
    }

    @Test
    void noIsolatorsNoOrder() {
        assertEquals(List.of(), IsolatorOrder.sort(List.of()));
    }
}
