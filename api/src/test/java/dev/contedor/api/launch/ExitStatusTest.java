package dev.contedor.api.launch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExitStatusTest {
    @Test
    void anExitGivesItsCode() {
        assertEquals(0, ExitStatus.exited(0).exitCode());
        assertEquals(42, ExitStatus.exited(42).exitCode());
        assertEquals(255, ExitStatus.exited(255).exitCode());
    }

    @Test
    void aSignalGives128PlusItsNumber() {
        assertEquals(137, ExitStatus.killed(9).exitCode());
        assertEquals(143, ExitStatus.killed(15).exitCode());
        assertEquals(130, ExitStatus.killed(2).exitCode());
    }

    @Test
    void factoriesFillTheRightField() {
        assertEquals(new ExitStatus(3, 0), ExitStatus.exited(3));
        assertEquals(new ExitStatus(0, 9), ExitStatus.killed(9));
    }
}
