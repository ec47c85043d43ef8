package dev.contedor.cgroups.fake;

import dev.contedor.api.cgroup.DeviceMapping;
import dev.contedor.api.cgroup.DeviceRate;
import dev.contedor.api.cgroup.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** {@link Resources} built one flag at a time, as a user gives them. */
public final class Limits {
    private OptionalLong memory = OptionalLong.empty();
    private OptionalLong reservation = OptionalLong.empty();
    private OptionalLong swap = OptionalLong.empty();
    private OptionalLong shares = OptionalLong.empty();
    private OptionalLong quota = OptionalLong.empty();
    private OptionalLong period = OptionalLong.empty();
    private Optional<String> cpus = Optional.empty();
    private Optional<String> mems = Optional.empty();
    private OptionalLong pids = OptionalLong.empty();
    private OptionalInt blkioWeight = OptionalInt.empty();
    private final List<DeviceRate> readBps = new ArrayList<>();
    private final List<DeviceRate> writeBps = new ArrayList<>();
    private final List<DeviceRate> readIops = new ArrayList<>();
    private final List<DeviceRate> writeIops = new ArrayList<>();
    private final List<Resources.HugepageLimit> hugepages = new ArrayList<>();
    private boolean allDevices;
    private final List<DeviceMapping> devices = new ArrayList<>();

    public static Limits limits() {
        return new Limits();
    }

    public Limits memory(long v) { memory = OptionalLong.of(v); return this; }
    public Limits reservation(long v) { reservation = OptionalLong.of(v); return this; }
    public Limits swap(long v) { swap = OptionalLong.of(v); return this; }
    public Limits shares(long v) { shares = OptionalLong.of(v); return this; }
    public Limits quota(long v) { quota = OptionalLong.of(v); return this; }
    public Limits period(long v) { period = OptionalLong.of(v); return this; }
    public Limits cpus(String v) { cpus = Optional.of(v); return this; }
    public Limits mems(String v) { mems = Optional.of(v); return this; }
    public Limits pids(long v) { pids = OptionalLong.of(v); return this; }
    public Limits blkioWeight(int v) { blkioWeight = OptionalInt.of(v); return this; }
    public Limits readBps(int major, int minor, long rate) { readBps.add(new DeviceRate(major, minor, rate)); return this; }
    public Limits writeBps(int major, int minor, long rate) { writeBps.add(new DeviceRate(major, minor, rate)); return this; }
    public Limits readIops(int major, int minor, long rate) { readIops.add(new DeviceRate(major, minor, rate)); return this; }
    public Limits writeIops(int major, int minor, long rate) { writeIops.add(new DeviceRate(major, minor, rate)); return this; }
    public Limits hugepages(String size, long bytes) { hugepages.add(new Resources.HugepageLimit(size, bytes)); return this; }
    public Limits allDevices() { allDevices = true; return this; }
    public Limits device(DeviceMapping d) { devices.add(d); return this; }

    public Resources build() {
        return new Resources(new Resources.Memory(memory, reservation, swap), new Resources.Cpu(shares, quota, period),
                new Resources.Cpuset(cpus, mems), pids,
                new Resources.BlockIo(blkioWeight, readBps, writeBps, readIops, writeIops), hugepages, allDevices, devices);
    }
}
