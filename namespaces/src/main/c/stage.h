/*
 * contedor's native launch stage: shared definitions.
 *
 * The stage interprets a launch plan built in Java; it holds no policy. The wire format
 * is written by dev.contedor.namespaces.stage.PlanEncoder with the constants of WireFormat,
 * the Java twin of this file: StageHeaderTest parses this file and fails when a name or a
 * number here differs from WireFormat's.
 */
#ifndef CONTEDOR_STAGE_H
#define CONTEDOR_STAGE_H

#include <stdint.h>
#include <stddef.h>

#define PLAN_MAGIC 0x43544450u /* "CTDP" */
#define PLAN_VERSION 2u

/* Messages on the control socket: u32 type, u32 length, payload. */
enum message_type {
    MSG_PLAN = 1,      /* runtime -> stage: the encoded plan */
    MSG_GO = 2,        /* runtime -> stage: parent hooks done, let the child run */
    MSG_SIGNAL = 3,    /* runtime -> stage: i32 signal to forward to the child */
    MSG_LEFTOVERS = 4, /* runtime -> stage: cleanup steps to run if the runtime dies (cleanup.c) */
    MSG_PID = 101,     /* stage -> runtime: i64 host pid of the child */
    MSG_EXECUTED = 102,/* stage -> runtime: the child called execve */
    MSG_FAILED = 103,  /* stage -> runtime: u32 op index, i32 errno, text */
    MSG_EXITED = 104,  /* stage -> runtime: i32 exit code, i32 signal */
};

enum plan_flags {
    PLAN_TERMINAL = 1u,
    PLAN_INTERACTIVE = 2u,
};

enum op_code {
    OP_AWAIT_PARENT = 1,
    OP_MOUNT = 2,
    OP_HOLD = 3,
    OP_BIND_HELD = 4,
    OP_MKDIRS = 5,
    OP_MKFILE = 6,
    OP_WRITE = 7,
    OP_SYMLINK = 8,
    OP_MKNOD = 9,
    OP_PIVOT = 10,
    OP_MASK = 11,
    OP_READONLY = 12,
    OP_HOSTNAME = 13,
    OP_DOMAINNAME = 14,
    OP_IFUP = 15,
    OP_CONSOLE = 16,
    OP_BOUNDING = 17,
    OP_IDENTITY = 18,
    OP_CAPS = 19,
    OP_PRCTL = 20,
    OP_CHDIR = 21,
    OP_EXEC = 22,
    OP_UNSHARE = 23,
    OP_SYSCTL = 24,
    OP_RLIMIT = 25,
    OP_DROP_CAP = 26,
};

/* Cleanup steps (MSG_LEFTOVERS), encoded as plan steps are. */
enum cleanup_code {
    CLEAN_WRITE = 1,          /* path, value: write value to an existing file */
    CLEAN_KILL_LISTED = 2,    /* path: SIGKILL every pid the file lists */
    CLEAN_RMDIR = 3,          /* path, attempts, interval ms, pid list to kill while busy ("" for none) */
    CLEAN_RMDIR_IF_EMPTY = 4, /* path */
    CLEAN_RMTREE = 5,         /* path: depth first, no links followed, no mounts crossed */
};

#define MAX_OPS 4096
#define MAX_ARGS 4096
#define MAX_JOINS 8
#define MAX_SLOTS 64
#define MAX_CLEANUP 256

struct arg {
    const char *data; /* strings are NUL-terminated inside the plan buffer */
    uint32_t len;
};

struct op {
    uint16_t code;
    uint16_t argc;
    struct arg *args; /* points into the plan's arg table */
    char **argv;      /* OP_EXEC only: prepared before clone */
    char **envp;
    const char *path; /* OP_EXEC only: the search path, from Java */
};

struct join {
    uint32_t nstype;
    const char *path;
};

struct plan {
    uint64_t clone_flags;
    uint32_t flags;
    uint32_t njoins;
    struct join joins[MAX_JOINS];
    uint32_t nops;
    struct op ops[MAX_OPS];
};

/* Set up before clone, used by the child. */
struct child_env {
    int sync_fd;      /* read end: one byte means go */
    int error_fd;     /* write end, close-on-exec: EOF tells the parent exec happened */
    int console_fd;   /* socket to pass the terminal master, or -1 */
    int devnull_fd;   /* stdin when not interactive, or -1 */
    int cap_last;     /* highest capability number of this kernel */
};

int plan_parse(char *buf, size_t len, struct plan *plan);
/* Decodes u32 count then that many steps (the cleanup steps); fills ops[0..*n). */
int steps_parse(char *buf, size_t len, struct op *ops, uint32_t max, uint32_t *n);
uint64_t arg_u64(const struct arg *a);

/* Runs the plan's operations in the cloned child; never returns. */
void child_run(const struct plan *plan, const struct child_env *env) __attribute__((noreturn));

/* cleanup.c: the steps the runtime would run after the container, run here instead when
 * the runtime died first; the child must be dead and reaped. */
void cleanup_keep(char *payload, uint32_t len);
void cleanup_run(void);

/* Sends a descriptor over a unix socket. */
int send_fd(int sock, int fd);
int recv_fd(int sock);

#endif
