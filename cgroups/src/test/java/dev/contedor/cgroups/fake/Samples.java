package dev.contedor.cgroups.fake;

import java.util.List;

/** mountinfo and /proc/self/cgroup as real hosts write them. */
public final class Samples {
    private Samples() {
    }

    /** This project's build machine: systemd-style hybrid, hugetlb moved to v1, cgroup2 with no controller. */
    public static final List<String> THIS_MACHINE_MOUNTINFO = List.of(
            "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
            "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct",
            "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset",
            "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices",
            "37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer",
            "38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio",
            "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids",
            "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw",
            "42 31 0:41 / /sys/fs/cgroup/hugetlb rw,relatime - cgroup cgroup rw,hugetlb");
    public static final List<String> THIS_MACHINE_CGROUP = List.of(
            "10:hugetlb:/",
            "9:name=systemd:/",
            "8:pids:/",
            "7:blkio:/",
            "6:freezer:/",
            "5:devices:/",
            "4:memory:/process_api/76d1d49b237784ac7972c6541b5d4dca",
            "3:cpuset:/",
            "2:cpuacct:/",
            "1:cpu:/",
            "0::/");

    /** The same machine before hugetlb was mounted as v1: cgroup2 then served hugetlb alone. */
    public static final List<String> HYBRID_HUGETLB_ON_V2_MOUNTINFO = THIS_MACHINE_MOUNTINFO.subList(0, 11);
    public static final List<String> HYBRID_HUGETLB_ON_V2_CGROUP = THIS_MACHINE_CGROUP.subList(1, 11);

    /** A Debian 10 / CentOS 7 style v1 host: cpu and cpuacct co-mounted, net_cls,net_prio, no cgroup2. */
    public static final List<String> V1_MOUNTINFO = List.of(
            "18 24 0:17 / /sys rw,nosuid,nodev,noexec,relatime shared:6 - sysfs sysfs rw",
            "25 18 0:21 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755",
            "26 25 0:22 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd",
            "29 25 0:25 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,cpu,cpuacct",
            "30 25 0:26 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,memory",
            "31 25 0:27 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,pids",
            "32 25 0:28 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,net_cls,net_prio",
            "33 25 0:29 / /sys/fs/cgroup/blkio rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,blkio",
            "34 25 0:30 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,cpuset",
            "35 25 0:31 / /sys/fs/cgroup/devices rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup rw,devices",
            "36 25 0:32 / /sys/fs/cgroup/freezer rw,nosuid,nodev,noexec,relatime shared:18 - cgroup cgroup rw,freezer",
            "37 25 0:33 / /sys/fs/cgroup/hugetlb rw,nosuid,nodev,noexec,relatime shared:19 - cgroup cgroup rw,hugetlb",
            "38 25 0:34 / /sys/fs/cgroup/perf_event rw,nosuid,nodev,noexec,relatime shared:20 - cgroup cgroup rw,perf_event");
    public static final List<String> V1_CGROUP = List.of(
            "11:perf_event:/",
            "10:hugetlb:/",
            "9:freezer:/",
            "8:devices:/user.slice",
            "7:cpuset:/",
            "6:blkio:/user.slice",
            "5:net_cls,net_prio:/",
            "4:pids:/user.slice/user-0.slice/session-1.scope",
            "3:memory:/user.slice",
            "2:cpu,cpuacct:/user.slice",
            "1:name=systemd:/user.slice/user-0.slice/session-1.scope");

    /** A systemd hybrid host (Ubuntu 20.04): v1 controllers, cgroup2 at /sys/fs/cgroup/unified with none. */
    public static final List<String> HYBRID_MOUNTINFO = List.of(
            "25 18 0:21 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755",
            "26 25 0:22 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate",
            "27 25 0:23 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd",
            "30 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,cpu,cpuacct",
            "31 25 0:27 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,memory",
            "32 25 0:28 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,pids",
            "33 25 0:29 / /sys/fs/cgroup/freezer rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup rw,freezer",
            "34 25 0:30 / /sys/fs/cgroup/devices rw,nosuid,nodev,noexec,relatime shared:18 - cgroup cgroup rw,devices");
    public static final List<String> HYBRID_CGROUP = List.of(
            "6:devices:/user.slice",
            "5:freezer:/",
            "4:pids:/user.slice/user-1000.slice/session-2.scope",
            "3:memory:/user.slice/user-1000.slice/session-2.scope",
            "2:cpu,cpuacct:/user.slice",
            "1:name=systemd:/user.slice/user-1000.slice/session-2.scope",
            "0::/user.slice/user-1000.slice/session-2.scope");

    /** A pure cgroup v2 host (Debian 12). */
    public static final List<String> V2_MOUNTINFO = List.of(
            "22 28 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw",
            "26 22 0:24 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot",
            "27 22 0:25 / /sys/fs/pstore rw,nosuid,nodev,noexec,relatime shared:8 - pstore pstore rw");
    public static final List<String> V2_CGROUP = List.of("0::/user.slice/user-0.slice/session-3.scope");
    public static final String V2_CONTROLLERS = "cpuset cpu io memory hugetlb pids rdma misc\n";
}
