package dev.contedor.cgroups.fs;

import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CgroupFolderTest {
    @TempDir
    Path dir;

    @Test
    void writeReplacesTheValueAndReadDropsTheTrailingNewline() throws Exception {
        Files.writeString(dir.resolve("memory.max"), "max\n");
        CgroupFolder folder = new CgroupFolder(CgroupVersion.V2, dir);
        assertEquals(Optional.of("max"), folder.read("memory.max"));
        folder.write("memory.max", "67108864");
        assertEquals("67108864", Files.readString(dir.resolve("memory.max")));
        assertEquals(Optional.empty(), folder.read("memory.high"));
    }

    @Test
    void aFailedWriteNamesTheFileTheValueAndTheKernelsError() {
        CgroupFolder folder = new CgroupFolder(CgroupVersion.V1, dir);
        ContedorException e = assertThrows(ContedorException.class, () -> folder.write("memory.limit_in_bytes", "1000"));
        assertEquals("cgroup " + dir.resolve("memory.limit_in_bytes") + " = 1000: No such file or directory", e.getMessage());
        assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
    }

    @Test
    void aWriteTheKernelRefusesKeepsItsReason() throws Exception {
        Files.createDirectory(dir.resolve("cpu.max"));
        ContedorException e = assertThrows(ContedorException.class,
                () -> new CgroupFolder(CgroupVersion.V2, dir).write("cpu.max", "50000 100000"));
        assertEquals("cgroup " + dir.resolve("cpu.max") + " = 50000 100000: Is a directory", e.getMessage());
    }

    @Test
    void processesAreTheLinesOfCgroupProcs() throws Exception {
        Files.writeString(dir.resolve("cgroup.procs"), "12\n345\n");
        assertEquals(Set.of(12L, 345L), new CgroupFolder(CgroupVersion.V2, dir).processes());
    }

    @Test
    void controllerDirectoryRoutesAnotherControllersFilesToItsFolder() throws Exception {
        Path cpu = Files.createDirectories(dir.resolve("cpu/c"));
        Path cpuacct = Files.createDirectories(dir.resolve("cpuacct/c"));
        Files.writeString(cpu.resolve("cpu.stat"), "nr_periods 3\n");
        Files.writeString(cpuacct.resolve("cpuacct.usage"), "42\n");
        CgroupFolder cpuFolder = new CgroupFolder(CgroupVersion.V1, cpu);
        ControllerDirectory d = new ControllerDirectory(cpuFolder,
                Map.of("cpu", cpuFolder, "cpuacct", new CgroupFolder(CgroupVersion.V1, cpuacct)));
        assertEquals(Optional.of("42"), d.read("cpuacct.usage"));
        assertEquals(Optional.of("nr_periods 3"), d.read("cpu.stat"));
        assertEquals(cpu, d.folderOf("cgroup.procs").path());
        assertEquals(cpu, d.path());
    }

    @Test
    void keyedValues() {
        assertEquals(Map.of("usage_usec", 10L, "user_usec", 7L), KeyedValues.flat("usage_usec 10\nuser_usec 7\nweird\n"));
        assertEquals(Map.of("8:0", Map.of("rbytes", "1", "wbytes", "2")), KeyedValues.nested("8:0 rbytes=1 wbytes=2\n"));
        assertEquals(OptionalLong.empty(), KeyedValues.limit("max"));
        assertEquals(OptionalLong.of(5), KeyedValues.limit("5\n"));
    }
}
