package dev.contedor.runtime.spec;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker's resource flags: what is accepted, what it becomes, and what is refused with which words. */
class ResourceParserTest {
    /** A host with CPUs 0-3 and memory node 0. */
    private final ResourceParser parser = new ResourceParser(new ResourceParser.HostCpus(bits(0, 3), bits(0, 0)));

    private static BitSet bits(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to + 1);
        return b;
    }

    /** Flags with only the given ones set: memory, reservation, swap, cpus, shares, quota, period, cpusetCpus, pids. */
    private static ResourceFlags flags(String memory, String reservation, String swap, String cpus, String shares,
                                       String quota, String period, String cpusetCpus, String pids) {
        return new ResourceFlags(Optional.ofNullable(memory), Optional.ofNullable(reservation), Optional.ofNullable(swap),
                Optional.ofNullable(cpus), Optional.ofNullable(shares), Optional.ofNullable(quota),
                Optional.ofNullable(period), Optional.ofNullable(cpusetCpus), Optional.empty(), Optional.ofNullable(pids),
                Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }

    private ContedorException refused(ResourceFlags f) {
        return assertThrows(ContedorException.class, () -> parser.parse(f, false));
    }

    @ParameterizedTest
    @CsvSource({"100,100", "512k,524288", "256m,268435456", "256M,268435456", "1g,1073741824", "1.5g,1610612736",
            "64mb,67108864", "2t,2199023255552"})
    void sizesAsDockerReadsThem(String text, long bytes) {
        assertEquals(bytes, ResourceParser.sizeValue("--memory", text));
    }

    @Test
    void noFlagsMeansOnlyTheDefaultPidsLimit() {
        Resources r = parser.parse(ResourceFlags.NONE, false);
        assertEquals(ResourceParser.DEFAULT_PIDS_LIMIT, r.pidsLimit().getAsLong());
        assertEquals(2048, ResourceParser.DEFAULT_PIDS_LIMIT, "podman's default");
        assertTrue(r.memory().limit().isEmpty() && r.cpu().quota().isEmpty() && r.cpu().shares().isEmpty());
    }

    @Test
    void pidsLimitMinusOneOrZeroIsUnlimited() {
        assertTrue(parser.parse(flags(null, null, null, null, null, null, null, null, "-1"), false).pidsLimit().isEmpty());
        assertTrue(parser.parse(flags(null, null, null, null, null, null, null, null, "0"), false).pidsLimit().isEmpty());
    }

    @Test
    void cpusBecomesQuotaOverTheDefaultPeriod() {
        Resources r = parser.parse(flags(null, null, null, "0.5", null, null, null, null, null), false);
        assertEquals(50_000, r.cpu().quota().getAsLong());
        assertEquals(100_000, r.cpu().period().getAsLong());
        Resources custom = parser.parse(flags(null, null, null, "1.5", null, null, "200000", null, null), false);
        assertEquals(300_000, custom.cpu().quota().getAsLong());
    }

    @Test
    void memoryLimitsAndPids() {
        Resources r = parser.parse(flags("64m", "32m", "128m", null, "512", null, null, "0-1,3", "50"), false);
        assertEquals(64L << 20, r.memory().limit().getAsLong());
        assertEquals(32L << 20, r.memory().reservation().getAsLong());
        assertEquals(128L << 20, r.memory().swap().getAsLong());
        assertEquals(512, r.cpu().shares().getAsLong());
        assertEquals("0-1,3", r.cpuset().cpus().orElseThrow());
        assertEquals(50, r.pidsLimit().getAsLong());
        assertEquals(-1, parser.parse(flags("64m", null, "-1", null, null, null, null, null, null), false)
                .memory().swap().getAsLong());
        assertTrue(parser.parse(flags(null, null, null, null, null, null, null, null, "-1"), false).pidsLimit().isEmpty());
        assertTrue(parser.parse(flags(null, null, null, null, "0", null, null, null, null), false).cpu().shares().isEmpty());
    }

    @Test
    void privilegedAllowsAllDevices() {
        assertTrue(parser.parse(ResourceFlags.NONE, true).allowAllDevices());
        assertFalse(parser.parse(ResourceFlags.NONE, false).allowAllDevices());
    }

    @Test
    void refusalsNameTheFlagAndWhatIsAllowed() {
        assertTrue(refused(flags("5m", null, null, null, null, null, null, null, null)).getMessage()
                .startsWith("--memory 5m: the minimum is 6m"));
        assertTrue(refused(flags("lots", null, null, null, null, null, null, null, null)).getMessage()
                .contains("--memory lots: give a size"));
        assertTrue(refused(flags("-64m", null, null, null, null, null, null, null, null)).getMessage()
                .startsWith("--memory -64m"));
        assertTrue(refused(flags(null, null, "1g", null, null, null, null, null, null)).getMessage()
                .contains("--memory-swap 1g: it needs --memory"));
        assertTrue(refused(flags("1g", null, "512m", null, null, null, null, null, null)).getMessage()
                .contains("must be at least --memory"));
        assertTrue(refused(flags("64m", "128m", null, null, null, null, null, null, null)).getMessage()
                .contains("--memory-reservation 128m: it must not exceed --memory"));
        assertTrue(refused(flags(null, null, null, "5", null, null, null, null, null)).getMessage()
                .contains("--cpus 5: the range is 0.01 to 4"));
        assertTrue(refused(flags(null, null, null, "0", null, null, null, null, null)).getMessage()
                .contains("--cpus 0: the range is 0.01 to 4"));
        assertTrue(refused(flags(null, null, null, "half", null, null, null, null, null)).getMessage()
                .contains("--cpus half: give a number"));
        assertTrue(refused(flags(null, null, null, "1", null, "50000", null, null, null)).getMessage()
                .contains("either --cpus or --cpu-quota"));
        assertTrue(refused(flags(null, null, null, null, "1", null, null, null, null)).getMessage()
                .contains("--cpu-shares 1: the range is 2 to 262144"));
        assertTrue(refused(flags(null, null, null, null, null, "999", null, null, null)).getMessage()
                .contains("--cpu-quota 999: the minimum is 1000"));
        assertTrue(refused(flags(null, null, null, null, null, null, "999", null, null)).getMessage()
                .contains("--cpu-period 999: the range is 1000 to 1000000"));
        assertTrue(refused(flags(null, null, null, null, null, null, null, "0-7", null)).getMessage()
                .contains("--cpuset-cpus 0-7: this host has CPUs 0-3 only"));
        assertTrue(refused(flags(null, null, null, null, null, null, null, "3-1", null)).getMessage()
                .contains("--cpuset-cpus 3-1: a range goes from low to high"));
        assertTrue(refused(flags(null, null, null, null, null, null, null, "zero", null)).getMessage()
                .contains("--cpuset-cpus zero: give a list"));
        assertTrue(refused(flags(null, null, null, null, null, null, null, null, "many")).getMessage()
                .contains("--pids-limit many: give a whole number"));
    }

    @Test
    void deviceRatesNeedABlockDevice() {
        ResourceFlags notBlock = new ResourceFlags(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of("/dev/null:1mb"), List.of(), List.of(), List.of());
        assertTrue(refused(notBlock).getMessage().contains("/dev/null is not a block device"));
        ResourceFlags noRate = new ResourceFlags(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of("/dev/vda"), List.of(), List.of(), List.of());
        assertTrue(refused(noRate).getMessage().contains("give DEVICE:RATE"));
    }
}
