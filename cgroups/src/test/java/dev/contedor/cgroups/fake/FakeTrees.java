package dev.contedor.cgroups.fake;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.cgroups.controller.devices.DevicesController;
import dev.contedor.cgroups.driver.CgroupDriver;
import dev.contedor.cgroups.driver.CgroupDrivers;
import dev.contedor.cgroups.CgroupsPlugin;
import dev.contedor.cgroups.layout.CgroupLayout;
import dev.contedor.cgroups.layout.LayoutDetector;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fake hosts with the root control files each controller's hierarchy has. */
public final class FakeTrees {
    static final String V1_UNLIMITED = "9223372036854771712";

    private FakeTrees() {
    }

    /** The root files of a v1 hierarchy holding these controllers. */
    static Map<String, String> v1RootFiles(List<String> controllers) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("cgroup.procs", "");
        files.put("tasks", "");
        for (String controller : controllers) {
            switch (controller) {
                case "cpu" -> {
                    files.put("cpu.shares", "1024");
                    files.put("cpu.cfs_period_us", "100000");
                    files.put("cpu.cfs_quota_us", "-1");
                    files.put("cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n");
                }
                case "cpuacct" -> {
                    files.put("cpuacct.usage", "0");
                    files.put("cpuacct.stat", "user 0\nsystem 0\n");
                }
                case "cpuset" -> {
                    files.put("cpuset.cpus", "0-1");
                    files.put("cpuset.mems", "0");
                }
                case "memory" -> {
                    files.put("memory.limit_in_bytes", V1_UNLIMITED);
                    files.put("memory.soft_limit_in_bytes", V1_UNLIMITED);
                    files.put("memory.memsw.limit_in_bytes", V1_UNLIMITED);
                    files.put("memory.usage_in_bytes", "0");
                    files.put("memory.failcnt", "0");
                    files.put("memory.stat", "cache 0\nrss 0\ntotal_cache 0\ntotal_rss 0\ntotal_inactive_file 0\n");
                    files.put("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
                }
                case "devices" -> {
                    files.put("devices.allow", "");
                    files.put("devices.deny", "");
                    files.put("devices.list", "a *:* rwm");
                }
                case "freezer" -> files.put("freezer.state", "THAWED");
                case "blkio" -> {
                    files.put("blkio.bfq.weight", "100");
                    files.put("blkio.throttle.read_bps_device", "");
                    files.put("blkio.throttle.write_bps_device", "");
                    files.put("blkio.throttle.read_iops_device", "");
                    files.put("blkio.throttle.write_iops_device", "");
                    files.put("blkio.throttle.io_service_bytes", "Total 0");
                    files.put("blkio.throttle.io_serviced", "Total 0");
                }
                case "pids" -> {
                    files.put("pids.max", "max");
                    files.put("pids.current", "0");
                    files.put("pids.events", "max 0");
                }
                case "hugetlb" -> {
                    files.put("hugetlb.2MB.limit_in_bytes", V1_UNLIMITED);
                    files.put("hugetlb.1GB.limit_in_bytes", V1_UNLIMITED);
                }
                default -> { }
            }
        }
        return files;
    }

    /** The root files of a cgroup2 hierarchy listing these controllers. */
    static Map<String, String> v2RootFiles(List<String> controllers) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("cgroup.procs", "");
        files.put("cgroup.controllers", String.join(" ", controllers) + "\n");
        files.put("cgroup.subtree_control", "");
        files.put("cgroup.events", "populated 0\nfrozen 0\n");
        files.put("cgroup.freeze", "0");
        files.put("cgroup.kill", "");
        files.put("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n");
        files.put("cpu.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        files.put("memory.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        files.put("io.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        for (String controller : controllers) {
            switch (controller) {
                case "cpu" -> {
                    files.put("cpu.weight", "100");
                    files.put("cpu.max", "max 100000");
                }
                case "cpuset" -> {
                    files.put("cpuset.cpus", "");
                    files.put("cpuset.mems", "");
                }
                case "memory" -> {
                    files.put("memory.max", "max");
                    files.put("memory.low", "0");
                    files.put("memory.swap.max", "max");
                    files.put("memory.current", "0");
                    files.put("memory.stat", "anon 0\nfile 0\ninactive_file 0\n");
                    files.put("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
                }
                case "io" -> {
                    files.put("io.weight", "default 100");
                    files.put("io.max", "");
                    files.put("io.stat", "");
                }
                case "pids" -> {
                    files.put("pids.max", "max");
                    files.put("pids.current", "0");
                    files.put("pids.events", "max 0");
                }
                case "hugetlb" -> {
                    files.put("hugetlb.2MB.max", "max");
                    files.put("hugetlb.1GB.max", "max");
                }
                default -> { }
            }
        }
        return files;
    }

    static void root(FakeHost host, String mountPoint, Map<String, String> files) {
        files.forEach((name, content) -> host.file(mountPoint + "/" + name, content));
    }

    /** This machine's layout (hybrid, cgroup2 without controllers). */
    public static FakeHost thisMachine(Path dir) {
        FakeHost host = new FakeHost(dir).proc(Samples.THIS_MACHINE_MOUNTINFO, Samples.THIS_MACHINE_CGROUP);
        for (String c : List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids", "hugetlb")) {
            root(host, "/sys/fs/cgroup/" + c, v1RootFiles(List.of(c)));
        }
        root(host, "/sys/fs/cgroup/systemd", v1RootFiles(List.of()));
        root(host, "/sys/fs/cgroup/unified", v2RootFiles(List.of()));
        return host;
    }

    /** Hybrid with hugetlb served by cgroup2 at /sys/fs/cgroup/unified. */
    public static FakeHost hybridWithHugetlbOnV2(Path dir) {
        FakeHost host = new FakeHost(dir).proc(Samples.HYBRID_HUGETLB_ON_V2_MOUNTINFO, Samples.HYBRID_HUGETLB_ON_V2_CGROUP);
        for (String c : List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids")) {
            root(host, "/sys/fs/cgroup/" + c, v1RootFiles(List.of(c)));
        }
        root(host, "/sys/fs/cgroup/systemd", v1RootFiles(List.of()));
        root(host, "/sys/fs/cgroup/unified", v2RootFiles(List.of("hugetlb")));
        return host;
    }

    /** A v1 host with cpu,cpuacct co-mounted. */
    public static FakeHost v1(Path dir) {
        FakeHost host = new FakeHost(dir).proc(Samples.V1_MOUNTINFO, Samples.V1_CGROUP);
        root(host, "/sys/fs/cgroup/cpu,cpuacct", v1RootFiles(List.of("cpu", "cpuacct")));
        root(host, "/sys/fs/cgroup/net_cls,net_prio", v1RootFiles(List.of()));
        for (String c : List.of("memory", "pids", "blkio", "cpuset", "devices", "freezer", "hugetlb", "perf_event")) {
            root(host, "/sys/fs/cgroup/" + c, v1RootFiles(List.of(c)));
        }
        root(host, "/sys/fs/cgroup/systemd", v1RootFiles(List.of()));
        return host;
    }

    /** A pure cgroup v2 host. */
    public static FakeHost v2(Path dir) {
        FakeHost host = new FakeHost(dir).proc(Samples.V2_MOUNTINFO, Samples.V2_CGROUP);
        root(host, "/sys/fs/cgroup", v2RootFiles(List.of(Samples.V2_CONTROLLERS.strip().split(" "))));
        return host;
    }

    public static CgroupLayout layout(FakeHost host) {
        return new LayoutDetector(host.mountInfo(), host.processCgroups(), host.root()).detect();
    }

    /** The driver for a fake host, with contedor's own controllers and the fake kernel. */
    public static CgroupDriver driver(FakeHost host) {
        // the devices controller's v2 program goes to the fake kernel, not to bpf(2)
        return driver(host, CgroupsPlugin.builtInControllers().stream()
                .map(c -> c.name().equals("devices") ? new DevicesController(host::attachDeviceProgram) : c)
                .toList());
    }

    public static CgroupDriver driver(FakeHost host, List<CgroupController> controllers) {
        return CgroupDrivers.forLayout(layout(host), controllers, new FakeKernel());
    }
}
