package dev.contedor.api.launch;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchFailedExceptionTest {
    private static final int EPERM = 1, ENOENT = 2, E2BIG = 7, ENOEXEC = 8, EACCES = 13, EISDIR = 21;

    private static LaunchOp.Exec exec(String cmd) {
        return new LaunchOp.Exec(List.of(cmd, "-c", "echo hi"), List.of("PATH=/bin"));
    }

    private static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "not one line: " + message);
    }

    @Test
    void exitCodesAreDockers() {
        assertEquals(125, ExitCode.RUNTIME_FAILURE.code());
        assertEquals(126, ExitCode.CANNOT_EXECUTE.code());
        assertEquals(127, ExitCode.NOT_FOUND.code());
    }

    @Test
    void aCommandNotFoundGives127AndNamesIt() {
        LaunchFailedException e = new LaunchFailedException(exec("nosuchcmd"), ENOENT, "No such file or directory");
        assertEquals(127, e.exitCode().code());
        assertTrue(e.getMessage().contains("nosuchcmd"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void aMissingPathGives127AndNamesThePath() {
        LaunchFailedException e = new LaunchFailedException(exec("/opt/app/run"), ENOENT, "No such file or directory");
        assertEquals(127, e.exitCode().code());
        assertTrue(e.getMessage().contains("/opt/app/run"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void aCommandThatCannotBeExecutedGives126() {
        for (int errno : new int[] {EACCES, ENOEXEC, EPERM, EISDIR}) {
            LaunchFailedException e = new LaunchFailedException(exec("/etc/passwd"), errno, "some error");
            assertEquals(126, e.exitCode().code(), "errno " + errno);
            assertTrue(e.getMessage().contains("/etc/passwd"), e.getMessage());
            assertOneLine(e.getMessage());
        }
    }

    @Test
    void anotherExecErrorIsARuntimeFailureThatNamesTheCommandAndTheCause() {
        LaunchFailedException e = new LaunchFailedException(exec("sh"), E2BIG, "execve sh: Argument list too long");
        assertEquals(125, e.exitCode().code());
        assertTrue(e.getMessage().contains("sh"), e.getMessage());
        assertTrue(e.getMessage().contains("Argument list too long"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void aFailingMountGives125AndDescribesTheOp() {
        LaunchOp.Mount mount = new LaunchOp.Mount("proc", "/proc", "proc", MountFlags.NOSUID, "");
        for (int errno : new int[] {ENOENT, EACCES, EPERM}) {
            LaunchFailedException e = new LaunchFailedException(mount, errno, "mount proc on /proc: Operation not permitted");
            assertEquals(125, e.exitCode().code(), "errno " + errno);
            assertTrue(e.getMessage().startsWith("mount proc on /proc: Operation not permitted"), e.getMessage());
            assertTrue(e.getMessage().endsWith("(step: " + mount.describe() + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("/proc"), e.getMessage());
            assertTrue(e.getMessage().contains("Operation not permitted"), e.getMessage());
            assertOneLine(e.getMessage());
        }
    }

    @Test
    void keepsTheOpAndErrnoAndIsAContedorException() {
        LaunchOp op = new LaunchOp.PivotRoot("/r");
        LaunchFailedException e = new LaunchFailedException(op, EPERM, "Operation not permitted");
        assertSame(op, e.op());
        assertEquals(EPERM, e.errno());
        assertInstanceOf(ContedorException.class, e);
        assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
    }
}
