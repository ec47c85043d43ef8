/*
 * The container init, between clone and execve: runs the plan's operations in order.
 * It reports the first failure as {op index, errno, text} on error_fd and exits; the text
 * names the system call and its argument ("mount proc on /proc: Operation not permitted").
 * Nothing here allocates: the plan was decoded, and exec's arrays made, before clone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <linux/capability.h>
#include <linux/mount.h>
#include <termios.h>
#include <unistd.h>
#include "stage.h"

#define S(op, i) ((op)->args[i].data)
#define N(op, i) arg_u64(&(op)->args[i])

static const struct child_env *cenv;
static int held[MAX_SLOTS];

/* What failed, for the report: the system call and up to two of its arguments. */
static const char *fail_call;
static const char *fail_arg;
static const char *fail_arg2;

/* Records the failed call (errno is left as the call set it) and returns -1. */
static int fail2(const char *call, const char *arg, const char *arg2) {
    int e = errno;
    fail_call = call;
    fail_arg = arg;
    fail_arg2 = arg2;
    errno = e;
    return -1;
}

static int fail(const char *call, const char *arg) {
    return fail2(call, arg, NULL);
}

static int need(const struct op *op, uint16_t n) {
    if (op->argc != n) {
        errno = EINVAL;
        return fail("decode", "the step's arguments");
    }
    return 0;
}

static int mkdirs(const char *path, mode_t mode) {
    char buf[4096];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof(buf)) {
        errno = ENAMETOOLONG;
        return fail("mkdir", path);
    }
    memcpy(buf, path, len + 1);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(buf, mode) < 0 && errno != EEXIST)
                return fail("mkdir", path);
            *p = c;
            if (c == '\0')
                break;
        }
    }
    return 0;
}

static int mkfile(const char *path, mode_t mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, mode);
    if (fd < 0) {
        /* a file that exists but cannot be opened for writing is still a mount point */
        struct stat st;
        if (stat(path, &st) == 0)
            return 0;
        return fail("open", path);
    }
    close(fd);
    return 0;
}

static int write_file(const char *path, const char *data, size_t len, int flags, mode_t mode) {
    int fd = open(path, flags | O_CLOEXEC | O_NOCTTY, mode);
    if (fd < 0)
        return fail("open", path);
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            errno = e;
            return fail("write", path);
        }
        data += n;
        len -= (size_t)n;
    }
    return close(fd) < 0 ? fail("close", path) : 0;
}

/* The bind-mount flags that only a remount applies. */
#define REMOUNT_ONLY (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME)

static int do_mount(const char *src, const char *target, const char *fstype, unsigned long flags, const char *data) {
    const unsigned long propagation = MS_PRIVATE | MS_SLAVE | MS_SHARED | MS_UNBINDABLE;
    const char *what = *fstype ? fstype : *src ? src : target;
    if (flags & propagation)
        return mount(NULL, target, NULL, flags & (propagation | MS_REC), NULL) < 0 ? fail2("mount", "propagation", target) : 0;
    if (mount(*src ? src : NULL, target, *fstype ? fstype : NULL, flags, *data ? data : NULL) < 0)
        return fail2("mount", what, target);
    if ((flags & MS_BIND) && !(flags & MS_REMOUNT) && (flags & REMOUNT_ONLY)
        && mount(NULL, target, NULL, MS_BIND | MS_REMOUNT | (flags & REMOUNT_ONLY), NULL) < 0)
        return fail2("mount", "remount", target);
    return 0;
}

static int pivot(const char *newroot) {
    int oldfd = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (oldfd < 0)
        return fail("open", "/");
    int newfd = open(newroot, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (newfd < 0)
        return fail("open", newroot);
    if (fchdir(newfd) < 0)
        return fail("fchdir", newroot);
    /* pivot_root(".", ".") stacks the old root on top of the new one; detach it right away */
    if (syscall(SYS_pivot_root, ".", ".") < 0)
        return fail("pivot_root", newroot);
    if (fchdir(oldfd) < 0)
        return fail("fchdir", "the old root");
    if (mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0)
        return fail2("mount", "rslave", "the old root");
    if (umount2(".", MNT_DETACH) < 0)
        return fail("umount2", "the old root");
    close(oldfd);
    close(newfd);
    return chdir("/") < 0 ? fail("chdir", "/") : 0;
}

static int mask(const char *path) {
    struct stat st;
    if (stat(path, &st) < 0)
        return errno == ENOENT ? 0 : fail("stat", path);
    if (S_ISDIR(st.st_mode))
        return mount("tmpfs", path, "tmpfs", MS_RDONLY, NULL) < 0 ? fail2("mount", "tmpfs", path) : 0;
    return mount("/dev/null", path, NULL, MS_BIND, NULL) < 0 ? fail2("mount", "/dev/null", path) : 0;
}

/* A bind of the path onto itself, remounted with exactly the flags the plan gives. */
static int readonly(const char *path, unsigned long flags) {
    if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) < 0)
        return errno == ENOENT ? 0 : fail2("mount", path, path);
    if (mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | flags, NULL) < 0)
        return fail2("mount", "remount", path);
    return 0;
}

static int interface_up(const char *name) {
    struct ifreq ifr;
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return fail("socket", "AF_INET");
    memset(&ifr, 0, sizeof(ifr));
    strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
    int rc = ioctl(s, SIOCGIFFLAGS, &ifr);
    if (rc == 0) {
        ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
        rc = ioctl(s, SIOCSIFFLAGS, &ifr);
    }
    int e = errno;
    close(s);
    errno = e;
    return rc < 0 ? fail("ioctl SIOCSIFFLAGS", name) : 0;
}

static int console(void) {
    char path[64];
    int unlock = 0, ptn;
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        return fail("open", "/dev/ptmx");
    if (ioctl(master, TIOCSPTLCK, &unlock) < 0 || ioctl(master, TIOCGPTN, &ptn) < 0)
        return fail("ioctl TIOCSPTLCK", "/dev/ptmx");
    snprintf(path, sizeof(path), "/dev/pts/%d", ptn);
    int slave = open(path, O_RDWR | O_NOCTTY);
    if (slave < 0)
        return fail("open", "the terminal in /dev/pts");
    if (cenv->console_fd < 0 || send_fd(cenv->console_fd, master) < 0)
        return fail("sendmsg", "the terminal to the runtime");
    close(master);
    close(cenv->console_fd);
    if (ioctl(slave, TIOCSCTTY, 0) < 0)
        return fail("ioctl TIOCSCTTY", "the terminal");
    for (int fd = 0; fd <= 2; fd++)
        if (dup2(slave, fd) < 0)
            return fail("dup2", "the terminal");
    if (slave > 2)
        close(slave);
    if (mkfile("/dev/console", 0600) < 0)
        return -1;
    if (mount(path, "/dev/console", NULL, MS_BIND, NULL) < 0)
        return fail2("mount", "the terminal", "/dev/console");
    return 0;
}

static int limit_bounding(uint64_t keep) {
    for (int cap = 0; cap <= cenv->cap_last && cap < 64; cap++)
        if (!(keep & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
            return fail("prctl", "PR_CAPBSET_DROP");
    return 0;
}

static int set_identity(const struct op *op) {
    gid_t groups[256];
    size_t n = op->argc - 2;
    if (op->argc < 2 || n > 256) {
        errno = EINVAL;
        return fail("setgroups", "(more than 256 groups)");
    }
    for (size_t i = 0; i < n; i++)
        groups[i] = (gid_t)N(op, 2 + i);
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
        return fail("prctl", "PR_SET_KEEPCAPS");
    if (setgroups(n, groups) < 0)
        return fail("setgroups", "the additional groups");
    if (setresgid((gid_t)N(op, 1), (gid_t)N(op, 1), (gid_t)N(op, 1)) < 0)
        return fail("setresgid", "the gid");
    if (setresuid((uid_t)N(op, 0), (uid_t)N(op, 0), (uid_t)N(op, 0)) < 0)
        return fail("setresuid", "the uid");
    return prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0 ? fail("prctl", "PR_SET_KEEPCAPS") : 0;
}

/* Exactly the set asked for: Java made sure the runtime holds it, so a refusal is an error. */
static int set_caps(uint64_t keep) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof(data));
    data[0].effective = data[0].permitted = (uint32_t)keep;
    data[1].effective = data[1].permitted = (uint32_t)(keep >> 32);
    if (syscall(SYS_capset, &header, data) < 0)
        return fail("capset", "effective and permitted");
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
        return fail("prctl", "PR_CAP_AMBIENT_CLEAR_ALL");
    return 0;
}

/* One capability out of every set, for good. */
static int drop_cap(uint64_t cap) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    if (cap > 63) {
        errno = EINVAL;
        return fail("prctl", "PR_CAPBSET_DROP");
    }
    if (prctl(PR_CAPBSET_DROP, (unsigned long)cap, 0, 0, 0) < 0 && errno != EINVAL)
        return fail("prctl", "PR_CAPBSET_DROP");
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, (unsigned long)cap, 0, 0) < 0 && errno != EINVAL)
        return fail("prctl", "PR_CAP_AMBIENT_LOWER");
    if (syscall(SYS_capget, &header, data) < 0)
        return fail("capget", "the current sets");
    uint32_t bit = 1u << (cap % 32);
    data[cap / 32].effective &= ~bit;
    data[cap / 32].permitted &= ~bit;
    data[cap / 32].inheritable &= ~bit;
    if (syscall(SYS_capset, &header, data) < 0)
        return fail("capset", "without the dropped capability");
    return 0;
}

static int set_rlimit(uint64_t resource, uint64_t soft, uint64_t hard) {
    /* Java sends RLIM_INFINITY as all bits set, which is what rlim_t's infinity is */
    struct rlimit limit = {(rlim_t)soft, (rlim_t)hard};
    return setrlimit((int)resource, &limit) < 0 ? fail("setrlimit", "the resource limit") : 0;
}

/* execvpe with the container's PATH: ENOENT when nowhere, EACCES when found but not executable. */
static int exec_command(const struct op *op) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    umask(022);
    const char *file = op->argv[0];
    if (strchr(file, '/')) {
        execve(file, op->argv, op->envp);
        return fail("execve", file);
    }
    char buf[4096];
    int denied = 0;
    const char *p = op->path;
    while (*p) {
        const char *colon = strchrnul(p, ':');
        size_t dlen = (size_t)(colon - p);
        if (dlen > 0 && dlen + 1 + strlen(file) + 1 <= sizeof(buf)) {
            memcpy(buf, p, dlen);
            buf[dlen] = '/';
            strcpy(buf + dlen + 1, file);
            execve(buf, op->argv, op->envp);
            if (errno == EACCES || errno == EPERM || errno == ENOEXEC)
                denied = errno;
        }
        p = *colon ? colon + 1 : colon;
    }
    errno = denied ? denied : ENOENT;
    return fail("execve", file);
}

/* The call's result, named: 0, or -1 with the call recorded for the report. */
#define CALL(expr, call, arg) ((expr) < 0 ? fail((call), (arg)) : 0)

static int run_op(const struct op *op) {
    switch (op->code) {
    case OP_AWAIT_PARENT: {
        char c;
        ssize_t n;
        do
            n = read(cenv->sync_fd, &c, 1);
        while (n < 0 && errno == EINTR);
        if (n != 1) {
            errno = n == 0 ? ECANCELED : errno;
            return fail("read", "the go from the runtime");
        }
        close(cenv->sync_fd);
        return 0;
    }
    case OP_MOUNT:
        if (need(op, 5) < 0) return -1;
        return do_mount(S(op, 0), S(op, 1), S(op, 2), (unsigned long)N(op, 3), S(op, 4));
    case OP_HOLD: {
        if (need(op, 2) < 0) return -1;
        uint64_t slot = N(op, 1);
        if (slot >= MAX_SLOTS) { errno = EINVAL; return fail("open_tree", S(op, 0)); }
        /* a detached bind mount of the host path: it survives the old root's unmount,
         * unlike a plain descriptor, whose mount would no longer be in this namespace */
        held[slot] = (int)syscall(SYS_open_tree, AT_FDCWD, S(op, 0), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
        return CALL(held[slot], "open_tree", S(op, 0));
    }
    case OP_BIND_HELD: {
        if (need(op, 3) < 0) return -1;
        uint64_t slot = N(op, 0);
        if (slot >= MAX_SLOTS || held[slot] <= 0) { errno = EBADF; return fail("move_mount", S(op, 1)); }
        if (syscall(SYS_move_mount, held[slot], "", AT_FDCWD, S(op, 1), MOVE_MOUNT_F_EMPTY_PATH) < 0)
            return fail("move_mount", S(op, 1));
        close(held[slot]);
        held[slot] = -1;
        if (N(op, 2))
            return mount(NULL, S(op, 1), NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) < 0
                ? fail2("mount", "remount", S(op, 1)) : 0;
        return 0;
    }
    case OP_MKDIRS:
        if (need(op, 2) < 0) return -1;
        return mkdirs(S(op, 0), (mode_t)N(op, 1));
    case OP_MKFILE:
        if (need(op, 2) < 0) return -1;
        return mkfile(S(op, 0), (mode_t)N(op, 1));
    case OP_WRITE:
        if (need(op, 3) < 0) return -1;
        return write_file(S(op, 0), op->args[1].data, op->args[1].len, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW,
                          (mode_t)N(op, 2));
    case OP_SYMLINK:
        if (need(op, 2) < 0) return -1;
        return symlink(S(op, 0), S(op, 1)) < 0 && errno != EEXIST ? fail("symlink", S(op, 1)) : 0;
    case OP_MKNOD: {
        if (need(op, 6) < 0) return -1;
        const char *path = S(op, 0);
        mode_t mode = (mode_t)N(op, 3);
        if (mknod(path, S_IFCHR | mode, makedev(N(op, 1), N(op, 2))) < 0 && errno != EEXIST)
            return fail("mknod", path);
        if (chmod(path, mode) < 0)
            return fail("chmod", path);
        return CALL(chown(path, (uid_t)N(op, 4), (gid_t)N(op, 5)), "chown", path);
    }
    case OP_PIVOT:
        if (need(op, 1) < 0) return -1;
        return pivot(S(op, 0));
    case OP_MASK:
        if (need(op, 1) < 0) return -1;
        return mask(S(op, 0));
    case OP_READONLY:
        if (need(op, 2) < 0) return -1;
        return readonly(S(op, 0), (unsigned long)N(op, 1));
    case OP_HOSTNAME:
        if (need(op, 1) < 0) return -1;
        return CALL(sethostname(S(op, 0), strlen(S(op, 0))), "sethostname", S(op, 0));
    case OP_DOMAINNAME:
        if (need(op, 1) < 0) return -1;
        return CALL(setdomainname(S(op, 0), strlen(S(op, 0))), "setdomainname", S(op, 0));
    case OP_IFUP:
        if (need(op, 1) < 0) return -1;
        return interface_up(S(op, 0));
    case OP_CONSOLE:
        return console();
    case OP_SYSCTL:
        /* the file exists in the container's /proc/sys or the sysctl does not */
        if (need(op, 2) < 0) return -1;
        return write_file(S(op, 0), S(op, 1), strlen(S(op, 1)), O_WRONLY | O_TRUNC | O_NOFOLLOW, 0);
    case OP_RLIMIT:
        if (need(op, 3) < 0) return -1;
        return set_rlimit(N(op, 0), N(op, 1), N(op, 2));
    case OP_PRCTL:
        if (need(op, 2) < 0) return -1;
        return CALL(prctl((int)N(op, 0), (unsigned long)N(op, 1), 0UL, 0UL, 0UL), "prctl", "the option");
    case OP_BOUNDING:
        if (need(op, 1) < 0) return -1;
        return limit_bounding(N(op, 0));
    case OP_IDENTITY:
        return set_identity(op);
    case OP_CAPS:
        if (need(op, 1) < 0) return -1;
        return set_caps(N(op, 0));
    case OP_DROP_CAP:
        if (need(op, 1) < 0) return -1;
        return drop_cap(N(op, 0));
    case OP_CHDIR:
        if (need(op, 1) < 0) return -1;
        return CALL(chdir(S(op, 0)), "chdir", S(op, 0));
    case OP_EXEC:
        return exec_command(op);
    case OP_UNSHARE:
        if (need(op, 1) < 0) return -1;
        return CALL(unshare((int)N(op, 0)), "unshare", "the namespace");
    default:
        errno = ENOSYS;
        return fail("decode", "an unknown step");
    }
}

/* Appends src to the message text at *at, truncating; no allocation. */
static void append(char *text, size_t size, size_t *at, const char *src) {
    while (*src && *at + 1 < size)
        text[(*at)++] = *src++;
    text[*at] = '\0';
}

/* {index, errno, "call arg[ on arg2]: strerror"} on the error pipe. */
static void report(uint32_t index, int err) {
    struct {
        uint32_t index;
        int32_t err;
        char text[248];
    } msg;
    size_t at = 0;
    memset(&msg, 0, sizeof(msg));
    msg.index = index;
    msg.err = err;
    if (fail_call) {
        append(msg.text, sizeof(msg.text), &at, fail_call);
        if (fail_arg) {
            append(msg.text, sizeof(msg.text), &at, " ");
            append(msg.text, sizeof(msg.text), &at, fail_arg);
        }
        if (fail_arg2) {
            append(msg.text, sizeof(msg.text), &at, " on ");
            append(msg.text, sizeof(msg.text), &at, fail_arg2);
        }
        append(msg.text, sizeof(msg.text), &at, ": ");
    }
    append(msg.text, sizeof(msg.text), &at, strerror(err));
    ssize_t n = write(cenv->error_fd, &msg, sizeof(msg));
    (void)n;
}

void child_run(const struct plan *plan, const struct child_env *env) {
    cenv = env;
    for (int sig = 1; sig < NSIG; sig++)
        signal(sig, SIG_DFL);
    /* a session of its own: the runtime forwards signals; a terminal's own go to the runtime */
    setsid();
    if (env->devnull_fd >= 0)
        dup2(env->devnull_fd, 0);
    umask(0);
    for (uint32_t i = 0; i < plan->nops; i++) {
        if (run_op(&plan->ops[i]) < 0) {
            report(i, errno);
            _exit(1);
        }
    }
    /* a plan without exec: nothing to run */
    fail("execve", "(the plan has no exec)");
    report(plan->nops, EINVAL);
    _exit(1);
}
