package dev.contedor.namespaces.stage;

import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.NamespaceType;

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
 * Encodes a {@link LaunchPlan} in the binary form the native stage reads ({@code stage.h}):
 * little-endian, each operation a code and length-prefixed arguments; strings carry their
 * terminating NUL so the stage can use them in place.
 */
public final class PlanEncoder {
    static final int MAGIC = 0x43544450;
    static final int VERSION = 1;
    static final int FLAG_TERMINAL = 1;
    static final int FLAG_INTERACTIVE = 2;

    private PlanEncoder() {
    }

    public static byte[] encode(LaunchPlan plan) {
        Out out = new Out();
        out.u32(MAGIC);
        out.u32(VERSION);
        out.u64(plan.cloneFlags());
        out.u32((plan.terminal() ? FLAG_TERMINAL : 0) | (plan.interactive() ? FLAG_INTERACTIVE : 0));
        out.u32(plan.joins().size());
        for (Map.Entry<NamespaceType, Path> join : plan.joins().entrySet()) {
            out.u32((int) join.getKey().cloneFlag());
            out.arg(cstring(join.getValue().toString()));
        }
        out.u32(plan.ops().size());
        for (LaunchOp op : plan.ops()) {
            encodeOp(op, out);
        }
        return out.bytes();
    }

    private static void encodeOp(LaunchOp op, Out out) {
        switch (op) {
            case LaunchOp.AwaitParent a -> out.op(1);
            case LaunchOp.Mount m -> out.op(2, str(m.source()), str(m.target()), str(m.fstype()), num(m.flags()), str(m.data()));
            case LaunchOp.HoldHostPath h -> out.op(3, str(h.hostPath()), num(h.slot()));
            case LaunchOp.BindHeld b -> out.op(4, num(b.slot()), str(b.target()), num(b.readOnly() ? 1 : 0));
            case LaunchOp.MakeDirectories d -> out.op(5, str(d.path()), num(d.mode()));
            case LaunchOp.MakeFile f -> out.op(6, str(f.path()), num(f.mode()));
            case LaunchOp.WriteFile w -> out.op(7, str(w.path()), w.content(), num(w.mode()));
            case LaunchOp.Symlink s -> out.op(8, str(s.target()), str(s.link()));
            case LaunchOp.MakeDevice d -> out.op(9, str(d.path()), num(d.major()), num(d.minor()), num(d.mode()),
                    num(d.uid()), num(d.gid()));
            case LaunchOp.PivotRoot p -> out.op(10, str(p.newRoot()));
            case LaunchOp.MaskPath m -> out.op(11, str(m.path()));
            case LaunchOp.ReadonlyPath r -> out.op(12, str(r.path()));
            case LaunchOp.SetHostname h -> out.op(13, str(h.hostname()));
            case LaunchOp.SetDomainname d -> out.op(14, str(d.domainname()));
            case LaunchOp.InterfaceUp i -> out.op(15, str(i.name()));
            case LaunchOp.Unshare u -> out.op(23, num(u.type().cloneFlag()));
            case LaunchOp.Console c -> out.op(16);
            case LaunchOp.LimitBoundingSet b -> out.op(17, num(mask(b.keep())));
            case LaunchOp.SetIdentity id -> {
                List<byte[]> args = new ArrayList<>();
                args.add(num(id.user().uid()));
                args.add(num(id.user().gid()));
                id.user().additionalGids().forEach(g -> args.add(num(g)));
                out.op(18, args.toArray(byte[][]::new));
            }
            case LaunchOp.SetCapabilities c -> out.op(19, num(mask(c.keep())));
            case LaunchOp.NoNewPrivileges n -> out.op(20);
            case LaunchOp.ChangeDirectory c -> out.op(21, str(c.path()));
            case LaunchOp.Exec e -> {
                List<byte[]> args = new ArrayList<>();
                args.add(num(e.args().size()));
                e.args().forEach(a -> args.add(str(a)));
                e.env().forEach(v -> args.add(str(v)));
                out.op(22, args.toArray(byte[][]::new));
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
        return cstring(s);
    }

    private static byte[] cstring(String s) {
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

        void op(int code, byte[]... args) {
            if (args.length > 4096) {
                throw new IllegalArgumentException("too many arguments for one operation: " + args.length);
            }
            u16(code);
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
