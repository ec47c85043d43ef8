package dev.contedor.cgroups.controller;

import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.Pressure;
import dev.contedor.cgroups.fake.RecordingDirectory;
import dev.contedor.cgroups.pressure.PressureReader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.contedor.api.cgroup.CgroupVersion.V2;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PressureReaderTest {
    @Test
    void theSomeLineOfEachResourceThatHasAFile() {
        RecordingDirectory d = new RecordingDirectory(V2)
                .with("cpu.pressure", "some avg10=2.96 avg60=1.38 avg300=0.34 total=12454751\n"
                        + "full avg10=2.59 avg60=1.24 avg300=0.30 total=10942142")
                .with("io.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0");
        ContainerStats.Builder b = ContainerStats.builder("c");
        new PressureReader().read(d, b);
        assertEquals(Map.of("cpu", new Pressure(2.96, 1.38, 0.34, 12454751), "io", new Pressure(0, 0, 0, 0)),
                b.build().pressure());
    }
}
