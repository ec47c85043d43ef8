package dev.contedor.namespaces.stage;

import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Leftover;
import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.NamespaceType;
import dev.contedor.namespaces.stage.WireFormat.Cleanup;
import dev.contedor.namespaces.stage.WireFormat.Op;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a {@link LaunchPlan}, and the leftover steps, in the binary form the native stage
 * reads ({@code stage.h}, {@link WireFormat}): little-endian, each step a code and
 * length-prefixed arguments; strings carry their terminating NUL so the stage can use them
 * in place; numbers are u64.
 */
public final class PlanEncoder {
    private PlanEncoder() {
    }

    public static byte[] encode(LaunchPlan plan) {
        if (plan.ops().size() > WireFormat.MAX_OPS || plan.joins().size() > WireFormat.MAX_JOINS) {
            throw new IllegalArgumentException("too many steps or joined namespaces for the stage: "
                    + plan.ops().size() + ", " + plan.joins().size());
        }
        Out out = new Out();
        out.u32(WireFormat.PLAN_MAGIC);
        out.u32(WireFormat.PLAN_VERSION);
        out.u64(plan.cloneFlags());
        out.u32((plan.terminal() ? WireFormat.PlanFlag.TERMINAL.code() : 0)
                | (plan.interactive() ? WireFormat.PlanFlag.INTERACTIVE.code() : 0));
        out.u32(plan.joins().size());
        for (Map.Entry<NamespaceType, Path> join : plan.joins().entrySet()) {
            out.u32((int) join.getKey().cloneFlag());
            out.arg(str(join.getValue().toString()));
        }
        out.u32(plan.ops().size());
        for (LaunchOp op : plan.ops()) {
            encodeOp(op, out);
        }
        return out.bytes();
    }

    /** The {@code MSG_LEFTOVERS} payload: u32 count, then each step as a plan step is encoded. */
    public static byte[] encodeLeftovers(List<Leftover> leftovers) {
        if (leftovers.size() > WireFormat.MAX_CLEANUP) {
            throw new IllegalArgumentException("too many leftover steps for the stage: " + leftovers.size());
        }
        Out out = new Out();
        out.u32(leftovers.size());
        for (Leftover leftover : leftovers) {
            String path = leftover.path().toString();
            switch (leftover) {
                case Leftover.WriteFile w -> out.step(Cleanup.WRITE, str(path), str(w.value()));
                case Leftover.KillListed k -> out.step(Cleanup.KILL_LISTED, str(path));
                case Leftover.RemoveFolder r -> out.step(Cleanup.RMDIR, str(path), num(r.attempts()),
                        num(r.interval().toMillis()), str(r.killWhileBusy().map(Path::toString).orElse("")));
                case Leftover.RemoveFolderIfEmpty e -> out.step(Cleanup.RMDIR_IF_EMPTY, str(path));
                case Leftover.RemoveTree t -> out.step(Cleanup.RMTREE, str(path));
            }
        }
        return out.bytes();
    }

    private static void encodeOp(LaunchOp op, Out out) {
        switch (op) {
            case LaunchOp.AwaitParent a -> out.step(Op.AWAIT_PARENT);
            case LaunchOp.Mount m -> out.step(Op.MOUNT, str(m.source()), str(m.target()), str(m.fstype()),
                    num(m.flags()), str(m.data()));
            case LaunchOp.HoldHostPath h -> out.step(Op.HOLD, str(h.hostPath()), num(h.slot()));
            case LaunchOp.BindHeld b -> out.step(Op.BIND_HELD, num(b.slot()), str(b.target()), num(b.readOnly() ? 1 : 0));
            case LaunchOp.MakeDirectories d -> out.step(Op.MKDIRS, str(d.path()), num(d.mode()));
            case LaunchOp.MakeFile f -> out.step(Op.MKFILE, str(f.path()), num(f.mode()));
            case LaunchOp.WriteFile w -> out.step(Op.WRITE, str(w.path()), w.content(), num(w.mode()));
            case LaunchOp.Symlink s -> out.step(Op.SYMLINK, str(s.target()), str(s.link()));
            case LaunchOp.MakeDevice d -> out.step(Op.MKNOD, str(d.path()), num(d.major()), num(d.minor()),
                    num(d.mode()), num(d.uid()), num(d.gid()));
            case LaunchOp.PivotRoot p -> out.step(Op.PIVOT, str(p.newRoot()));
            case LaunchOp.MaskPath m -> out.step(Op.MASK, str(m.path()));
            case LaunchOp.ReadonlyPath r -> out.step(Op.READONLY, str(r.path()), num(r.flags()));
            case LaunchOp.SetHostname h -> out.step(Op.HOSTNAME, str(h.hostname()));
            case LaunchOp.SetDomainname d -> out.step(Op.DOMAINNAME, str(d.domainname()));
            case LaunchOp.InterfaceUp i -> out.step(Op.IFUP, str(i.name()));
            case LaunchOp.Unshare u -> out.step(Op.UNSHARE, num(u.type().cloneFlag()));
            case LaunchOp.Console c -> out.step(Op.CONSOLE);
            case LaunchOp.SetSysctl s -> out.step(Op.SYSCTL, str(s.procPath()), str(s.value()));
            case LaunchOp.SetRlimit r -> out.step(Op.RLIMIT, num(r.resource().number()), num(r.soft()), num(r.hard()));
            case LaunchOp.SetPrctl p -> out.step(Op.PRCTL, num(p.option().number()), num(p.value()));
            case LaunchOp.LimitBoundingSet b -> out.step(Op.BOUNDING, num(mask(b.keep())));
            case LaunchOp.SetIdentity id -> {
                List<byte[]> args = new ArrayList<>();
                args.add(num(id.user().uid()));
                args.add(num(id.user().gid()));
                id.user().additionalGids().forEach(g -> args.add(num(g)));
                out.step(Op.IDENTITY, args.toArray(byte[][]::new));
            }
            case LaunchOp.SetCapabilities c -> out.step(Op.CAPS, num(mask(c.keep())));
            case LaunchOp.DropCapability d -> out.step(Op.DROP_CAP, num(d.capability().number()));
            case LaunchOp.ChangeDirectory c -> out.step(Op.CHDIR, str(c.path()));
            case LaunchOp.Exec e -> {
                // the search path, then argc, the arguments and the environment
                List<byte[]> args = new ArrayList<>();
                args.add(str(e.searchPath()));
                args.add(num(e.args().size()));
                e.args().forEach(a -> args.add(str(a)));
                e.env().forEach(v -> args.add(str(v)));
                out.step(Op.EXEC, args.toArray(byte[][]::new));
            }
        }
    }

    static long mask(Set<Capability> caps) {
        long mask = 0;
        for (Capability c : caps) {
            mask |= 1L << c.number();
        }
        return mask;
    }

    private static byte[] str(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL character in " + s.replace('\0', '?'));
        }
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        byte[] withNul = new byte[raw.length + 1];
        System.arraycopy(raw, 0, withNul, 0, raw.length);
        return withNul;
    }

    private static byte[] num(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void u16(int v) {
            scratch.clear();
            scratch.putShort((short) v);
            bytes.write(scratch.array(), 0, 2);
        }

        void u32(int v) {
            scratch.clear();
            scratch.putInt(v);
            bytes.write(scratch.array(), 0, 4);
        }

        void u64(long v) {
            scratch.clear();
            scratch.putLong(v);
            bytes.write(scratch.array(), 0, 8);
        }

        void arg(byte[] a) {
            u32(a.length);
            bytes.writeBytes(a);
        }

        void step(WireFormat.Coded code, byte[]... args) {
            if (args.length > WireFormat.MAX_ARGS) {
                throw new IllegalArgumentException("too many arguments for one step: " + args.length);
            }
            u16(code.code());
            u16(args.length);
            for (byte[] a : args) {
                arg(a);
            }
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
