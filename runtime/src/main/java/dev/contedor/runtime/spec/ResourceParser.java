package dev.contedor.runtime.spec;

import dev.contedor.api.cgroup.DeviceRate;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks docker's resource flags and turns them into {@link Resources}, before anything is
 * created: sizes like {@code 256m}, ranges the kernel accepts, CPUs and memory nodes the host
 * has, block devices that exist. Every refusal names the flag and says what is allowed.
 */
public final class ResourceParser {
    /** docker refuses less: below this a container cannot even start its command. */
    static final long MIN_MEMORY = 6L * 1024 * 1024;
    static final long DEFAULT_CPU_PERIOD = 100_000;
    /**
     * The pids limit of a container started without {@code --pids-limit}: podman's default,
     * so that a fork bomb exhausts the container's tasks, not the host's (docker has none).
     */
    public static final long DEFAULT_PIDS_LIMIT = 2048;
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    private final HostCpus host;

    public ResourceParser(HostCpus host) {
        this.host = host;
    }

    /** The CPUs and memory nodes this host has online, as the kernel lists them. */
    public record HostCpus(BitSet cpus, BitSet mems) {
        public static HostCpus read() {
            BitSet cpus = list(readOr(Path.of("/sys/devices/system/cpu/online"), "0"));
            BitSet mems = list(readOr(Path.of("/sys/devices/system/node/online"), "0"));
            return new HostCpus(cpus, mems);
        }

        private static String readOr(Path p, String fallback) {
            try {
                return Files.readString(p).strip();
            } catch (IOException e) {
                return fallback;
            }
        }
    }

    public Resources parse(ResourceFlags f, boolean privileged) {
        OptionalLong memory = size("--memory", f.memory());
        memory.ifPresent(m -> {
            if (m < MIN_MEMORY) {
                throw bad("--memory", f.memory().get(), "the minimum is 6m");
            }
        });
        OptionalLong reservation = size("--memory-reservation", f.memoryReservation());
        if (reservation.isPresent() && memory.isPresent() && reservation.getAsLong() > memory.getAsLong()) {
            throw bad("--memory-reservation", f.memoryReservation().get(), "it must not exceed --memory");
        }
        OptionalLong swap = OptionalLong.empty();
        if (f.memorySwap().isPresent()) {
            String s = f.memorySwap().get().strip();
            if (memory.isEmpty()) {
                throw bad("--memory-swap", s, "it needs --memory too (it is memory plus swap)");
            }
            swap = s.equals("-1") ? OptionalLong.of(-1) : size("--memory-swap", f.memorySwap());
            if (swap.getAsLong() != -1 && swap.getAsLong() < memory.getAsLong()) {
                throw bad("--memory-swap", s, "it is memory plus swap, so it must be at least --memory, or -1 for unlimited swap");
            }
        }

        OptionalLong period = integer("--cpu-period", f.cpuPeriod(), 1000, 1_000_000, "1000 to 1000000 microseconds");
        OptionalLong quota = OptionalLong.empty();
        if (f.cpus().isPresent() && f.cpuQuota().isPresent()) {
            throw bad("--cpus", f.cpus().get(), "give either --cpus or --cpu-quota, not both");
        }
        if (f.cpus().isPresent()) {
            String text = f.cpus().get().strip();
            BigDecimal cpus;
            try {
                cpus = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw bad("--cpus", text, "give a number of CPUs such as 0.5 or 2");
            }
            int online = host.cpus().cardinality();
            if (cpus.compareTo(new BigDecimal("0.01")) < 0 || cpus.compareTo(BigDecimal.valueOf(online)) > 0) {
                throw bad("--cpus", text, "the range is 0.01 to " + online + " (the CPUs this host has)");
            }
            long p = period.orElse(DEFAULT_CPU_PERIOD);
            period = OptionalLong.of(p);
            quota = OptionalLong.of(cpus.multiply(BigDecimal.valueOf(p)).longValue());
        } else if (f.cpuQuota().isPresent()) {
            long q = integerValue("--cpu-quota", f.cpuQuota().get());
            if (q != -1 && q < 1000) {
                throw bad("--cpu-quota", f.cpuQuota().get(), "the minimum is 1000 microseconds (-1 for none)");
            }
            quota = q == -1 ? OptionalLong.empty() : OptionalLong.of(q);
        }
        OptionalLong shares = OptionalLong.empty();
        if (f.cpuShares().isPresent()) {
            long s = integerValue("--cpu-shares", f.cpuShares().get());
            if (s < 0 || s > 262_144 || (s > 0 && s < 2)) {
                throw bad("--cpu-shares", f.cpuShares().get(), "the range is 2 to 262144 (0 for the default, 1024)");
            }
            shares = s == 0 ? OptionalLong.empty() : OptionalLong.of(s);
        }
        Optional<String> cpusetCpus = cpuset("--cpuset-cpus", f.cpusetCpus(), host.cpus(), "CPUs");
        Optional<String> cpusetMems = cpuset("--cpuset-mems", f.cpusetMems(), host.mems(), "memory nodes");

        OptionalLong pids = OptionalLong.of(DEFAULT_PIDS_LIMIT);
        if (f.pidsLimit().isPresent()) {
            long p = integerValue("--pids-limit", f.pidsLimit().get());
            // docker's and podman's meaning: -1 (and 0) is unlimited
            pids = p <= 0 ? OptionalLong.empty() : OptionalLong.of(p);
        }
        OptionalInt weight = OptionalInt.empty();
        if (f.blkioWeight().isPresent()) {
            long w = integerValue("--blkio-weight", f.blkioWeight().get());
            if (w != 0 && (w < 10 || w > 1000)) {
                throw bad("--blkio-weight", f.blkioWeight().get(), "the range is 10 to 1000 (0 for the default)");
            }
            weight = w == 0 ? OptionalInt.empty() : OptionalInt.of((int) w);
        }
        return new Resources(new Resources.Memory(memory, reservation, swap), new Resources.Cpu(shares, quota, period),
                new Resources.Cpuset(cpusetCpus, cpusetMems), pids, new Resources.BlockIo(weight,
                devices("--device-read-bps", f.deviceReadBps(), v -> sizeValue("--device-read-bps", v)),
                devices("--device-write-bps", f.deviceWriteBps(), v -> sizeValue("--device-write-bps", v)),
                devices("--device-read-iops", f.deviceReadIops(), v -> integerValue("--device-read-iops", v)),
                devices("--device-write-iops", f.deviceWriteIops(), v -> integerValue("--device-write-iops", v))),
                List.of(), privileged, DeviceFlag.parseAll(f.devices()));
    }

    /** {@code 256m}, {@code 1g}, {@code 512k}, {@code 1.5g}, {@code 100} (bytes), as docker reads them. */
    public static long sizeValue(String flag, String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw bad(flag, text, "give a size such as 256m, 1g or 512k");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(2).pow(shift));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw bad(flag, text, "too large");
        }
        return bytes.longValue();
    }

    private static OptionalLong size(String flag, Optional<String> text) {
        return text.map(t -> OptionalLong.of(sizeValue(flag, t))).orElse(OptionalLong.empty());
    }

    private static long integerValue(String flag, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw bad(flag, text, "give a whole number");
        }
    }

    private static OptionalLong integer(String flag, Optional<String> text, long min, long max, String range) {
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        long v = integerValue(flag, text.get());
        if (v < min || v > max) {
            throw bad(flag, text.get(), "the range is " + range);
        }
        return OptionalLong.of(v);
    }

    private static Optional<String> cpuset(String flag, Optional<String> text, BitSet available, String what) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String list = text.get().strip();
        if (!CPU_LIST.matcher(list).matches()) {
            throw bad(flag, list, "give a list such as 0-2,4");
        }
        BitSet asked;
        try {
            asked = list(list);
        } catch (NumberFormatException e) {
            throw bad(flag, list, "a range goes from low to high, e.g. 0-2");
        }
        BitSet outside = (BitSet) asked.clone();
        outside.andNot(available);
        if (!outside.isEmpty()) {
            throw bad(flag, list, "this host has " + what + " " + format(available) + " only");
        }
        return Optional.of(list);
    }

    private static List<DeviceRate> devices(String flag, List<String> values, ToLongFunction<String> rate) {
        List<DeviceRate> out = new ArrayList<>();
        for (String v : values) {
            int colon = v.lastIndexOf(':');
            if (colon <= 0) {
                throw bad(flag, v, "give DEVICE:RATE, e.g. /dev/sda:1mb");
            }
            Path device = Path.of(v.substring(0, colon));
            long rdev;
            try {
                if (!Files.exists(device) || !"block".equals(kind(device))) {
                    throw bad(flag, v, device + " is not a block device on this host");
                }
                rdev = ((Number) Files.getAttribute(device, "unix:rdev")).longValue();
            } catch (IOException e) {
                throw bad(flag, v, device + ": " + e.getMessage());
            }
            out.add(new DeviceRate(DeviceNumbers.major(rdev), DeviceNumbers.minor(rdev), rate.applyAsLong(v.substring(colon + 1))));
        }
        return out;
    }

    private static String kind(Path device) throws IOException {
        int mode = (Integer) Files.getAttribute(device, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if (Files.isSymbolicLink(device)) {
            mode = (Integer) Files.getAttribute(device.toRealPath(), "unix:mode");
        }
        return (mode & 0170000) == 0060000 ? "block" : "other";
    }

    static BitSet list(String text) {
        BitSet set = new BitSet();
        if (text.isBlank()) {
            return set;
        }
        for (String part : text.strip().split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0].strip());
            int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
            if (to < from) {
                throw new NumberFormatException(part);
            }
            set.set(from, to + 1);
        }
        return set;
    }

    private static String format(BitSet set) {
        StringBuilder sb = new StringBuilder();
        int i = set.nextSetBit(0);
        while (i >= 0) {
            int end = set.nextClearBit(i) - 1;
            sb.append(sb.isEmpty() ? "" : ",").append(i == end ? String.valueOf(i) : i + "-" + end);
            i = set.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    private static ContedorException bad(String flag, String value, String why) {
        return ContedorException.runtime(flag + " " + value + ": " + why);
    }
}
