package dev.contedor.namespaces.stage;

/**
 * The Java side of the stage's wire format, whose C side is {@code stage.h}: every constant
 * there has its twin here, named alike ({@code OP_MOUNT} is {@link Op#MOUNT}).
 * {@code StageHeaderTest} parses {@code stage.h} and fails when a name or a number differs,
 * so the two cannot drift apart unnoticed.
 */
final class WireFormat {
    /** {@code PLAN_MAGIC}: "CTDP". */
    static final int PLAN_MAGIC = 0x43544450;
    /** {@code PLAN_VERSION}: raised with every change of the encoding. */
    static final int PLAN_VERSION = 2;
    /** {@code MAX_SLOTS}: held host paths per plan. */
    static final int MAX_SLOTS = 64;
    /** {@code MAX_ARGS}: arguments of one step. */
    static final int MAX_ARGS = 4096;
    /** {@code MAX_OPS}: steps of one plan. */
    static final int MAX_OPS = 4096;
    /** {@code MAX_JOINS}: namespaces joined by one plan. */
    static final int MAX_JOINS = 8;
    /** {@code MAX_CLEANUP}: leftover steps. */
    static final int MAX_CLEANUP = 256;

    private WireFormat() {
    }

    /** A numbered constant of one C enum. */
    interface Coded {
        int code();
    }

    /** {@code enum message_type}, {@code MSG_*}: control messages, u32 type, u32 length, payload. */
    enum Message implements Coded {
        PLAN(1), GO(2), SIGNAL(3), LEFTOVERS(4), PID(101), EXECUTED(102), FAILED(103), EXITED(104);

        private final int code;

        Message(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** {@code enum plan_flags}, {@code PLAN_*}. */
    enum PlanFlag implements Coded {
        TERMINAL(1), INTERACTIVE(2);

        private final int code;

        PlanFlag(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** {@code enum op_code}, {@code OP_*}: one per {@link dev.contedor.api.launch.LaunchOp}. */
    enum Op implements Coded {
        AWAIT_PARENT(1), MOUNT(2), HOLD(3), BIND_HELD(4), MKDIRS(5), MKFILE(6), WRITE(7), SYMLINK(8), MKNOD(9),
        PIVOT(10), MASK(11), READONLY(12), HOSTNAME(13), DOMAINNAME(14), IFUP(15), CONSOLE(16), BOUNDING(17),
        IDENTITY(18), CAPS(19), PRCTL(20), CHDIR(21), EXEC(22), UNSHARE(23), SYSCTL(24), RLIMIT(25), DROP_CAP(26);

        private final int code;

        Op(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** {@code enum cleanup_code}, {@code CLEAN_*}: one per {@link dev.contedor.api.launch.Leftover}. */
    enum Cleanup implements Coded {
        WRITE(1), KILL_LISTED(2), RMDIR(3), RMDIR_IF_EMPTY(4), RMTREE(5);

        private final int code;

        Cleanup(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
