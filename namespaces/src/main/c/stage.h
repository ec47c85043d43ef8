/*
 * contedor's native launch stage: shared definitions.
 *
 * The stage interprets a launch plan built in Java; it holds no policy. The wire format
 * is written by dev.contedor.namespaces.stage.PlanEncoder; keep the two in step.
 */
#ifndef CONTEDOR_STAGE_H
#define CONTEDOR_STAGE_H

#include <stdint.h>
#include <stddef.h>

#define PLAN_MAGIC 0x43544450u /* "CTDP" */
#define PLAN_VERSION 1u

/* Messages on the control socket: u32 type, u32 length, payload. */
enum message_type {
    MSG_PLAN = 1,      /* runtime -> stage: the encoded plan */
    MSG_GO = 2,        /* runtime -> stage: parent hooks done, let the child run */
    MSG_SIGNAL = 3,    /* runtime -> stage: i32 signal to forward to the child */
    MSG_LEFTOVERS = 4, /* runtime -> stage: what to remove if the runtime dies (leftovers.c) */
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
    OP_NO_NEW_PRIVS = 20,
    OP_CHDIR = 21,
    OP_EXEC = 22,
    OP_UNSHARE = 23,
};

#define MAX_OPS 4096
#define MAX_ARGS 4096
#define MAX_JOINS 8
#define MAX_SLOTS 64

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
uint64_t arg_u64(const struct arg *a);

/* Runs the plan's operations in the cloned child; never returns. */
void child_run(const struct plan *plan, const struct child_env *env) __attribute__((noreturn));

/* Sends a descriptor over a unix socket. */
/* leftovers.c: what the runtime would remove after the container, removed here instead
 * when the runtime died first; the child must be dead and reaped. */
void leftovers_keep(char *payload, uint32_t len);
void leftovers_remove(void);

int send_fd(int sock, int fd);
int recv_fd(int sock);

#endif
