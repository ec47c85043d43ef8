/*
 * contedor-stage: started by the runtime with the path of a unix socket on which it
 * receives a launch plan. It joins or creates namespaces by clone, reports the child's pid,
 * waits for "go", reports exec or the failed operation, then relays the terminal and
 * forwards signals until the child exits, and reports how it ended.
 *
 * usage: contedor-stage SOCKET
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "stage.h"

static struct plan plan;
static int control = -1;
static pid_t child = -1;
static struct termios saved_termios;
static int termios_saved;

static void die(const char *what) {
    fprintf(stderr, "contedor-stage: %s: %s\n", what, strerror(errno));
    if (child > 0)
        kill(child, SIGKILL);
    exit(125);
}

static int write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int read_all(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static void send_message(uint32_t type, const void *payload, uint32_t len) {
    uint32_t header[2] = {type, len};
    if (control < 0)
        return;
    if (write_all(control, header, sizeof(header)) < 0 || (len && write_all(control, payload, len) < 0)) {
        /* the runtime went away; the container goes on and is reaped below */
        close(control);
        control = -1;
    }
}

/* Reads one message; returns its type, or -1 on EOF. The payload is malloc'd. */
static int receive_message(char **payload, uint32_t *len) {
    uint32_t header[2];
    if (read_all(control, header, sizeof(header)) < 0)
        return -1;
    if (header[1] > (64u << 20)) {
        errno = EMSGSIZE;
        die("control message");
    }
    *payload = malloc(header[1] + 1);
    if (!*payload)
        die("malloc");
    if (header[1] && read_all(control, *payload, header[1]) < 0)
        return -1;
    *len = header[1];
    return (int)header[0];
}

int send_fd(int sock, int fd) {
    char data = 'c';
    struct iovec iov = {&data, 1};
    char cbuf[CMSG_SPACE(sizeof(int))];
    struct msghdr msg = {0};
    memset(cbuf, 0, sizeof(cbuf));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = cbuf;
    msg.msg_controllen = sizeof(cbuf);
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    return sendmsg(sock, &msg, MSG_NOSIGNAL) == 1 ? 0 : -1;
}

int recv_fd(int sock) {
    char data;
    struct iovec iov = {&data, 1};
    char cbuf[CMSG_SPACE(sizeof(int))];
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = cbuf;
    msg.msg_controllen = sizeof(cbuf);
    ssize_t n;
    do
        n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    if (n <= 0)
        return -1;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    if (!c || c->cmsg_type != SCM_RIGHTS)
        return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(c), sizeof(int));
    return fd;
}

static void restore_terminal(void) {
    if (termios_saved)
        tcsetattr(0, TCSANOW, &saved_termios);
    termios_saved = 0;
}

static int read_cap_last(void) {
    int last = 40;
    FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
    if (f) {
        if (fscanf(f, "%d", &last) != 1)
            last = 40;
        fclose(f);
    }
    return last;
}

static void copy_window_size(int master) {
    struct winsize ws;
    if (ioctl(0, TIOCGWINSZ, &ws) == 0 || ioctl(1, TIOCGWINSZ, &ws) == 0)
        ioctl(master, TIOCSWINSZ, &ws);
}

/* Copies what is readable from one descriptor to another; returns 0 at EOF or error. */
static int pump(int from, int to) {
    char buf[8192];
    ssize_t n = read(from, buf, sizeof(buf));
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 1;
    if (n <= 0)
        return 0;
    return write_all(to, buf, (size_t)n) < 0 ? 0 : 1;
}

static void finish(int status) {
    int32_t result[2] = {0, 0};
    if (WIFEXITED(status))
        result[0] = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result[1] = WTERMSIG(status);
    restore_terminal();
    send_message(MSG_EXITED, result, sizeof(result));
    if (control < 0)
        cleanup_run(); /* the runtime is gone: nobody else will */
    exit(result[1] ? 128 + result[1] : result[0]);
}

/* Until the child exits: terminal relay, window size, forwarded signals. */
static void supervise(int sigfd, int master) {
    int stdin_open = master >= 0 && (plan.flags & PLAN_INTERACTIVE);
    for (;;) {
        struct pollfd fds[4];
        int n = 0;
        fds[n++] = (struct pollfd){sigfd, POLLIN, 0};
        int ci = control >= 0 ? n++ : -1;
        if (ci >= 0)
            fds[ci] = (struct pollfd){control, POLLIN, 0};
        int mi = master >= 0 ? n++ : -1;
        if (mi >= 0)
            fds[mi] = (struct pollfd){master, POLLIN, 0};
        int ii = stdin_open ? n++ : -1;
        if (ii >= 0)
            fds[ii] = (struct pollfd){0, POLLIN, 0};
        if (poll(fds, (nfds_t)n, -1) < 0) {
            if (errno == EINTR)
                continue;
            die("poll");
        }
        if (fds[0].revents & POLLIN) {
            struct signalfd_siginfo si;
            if (read(sigfd, &si, sizeof(si)) == sizeof(si)) {
                if (si.ssi_signo == SIGWINCH && master >= 0) {
                    copy_window_size(master);
                } else if (si.ssi_signo == SIGCHLD) {
                    int status;
                    if (waitpid(child, &status, WNOHANG) == child) {
                        if (master >= 0)
                            while (pump(master, 1) > 0)
                                ;
                        finish(status);
                    }
                }
            }
        }
        if (ci >= 0 && fds[ci].revents) {
            char *payload = NULL;
            uint32_t len = 0;
            int type = receive_message(&payload, &len);
            if (type < 0) {
                /* the runtime is gone: a foreground container dies with it rather than
                 * run on with nobody to report its exit or release what it holds */
                close(control);
                control = -1;
                kill(child, SIGKILL);
            } else if (type == MSG_SIGNAL && len == 4) {
                int32_t sig;
                memcpy(&sig, payload, 4);
                kill(child, sig);
            } else if (type == MSG_LEFTOVERS) {
                cleanup_keep(payload, len);
                payload = NULL;
            }
            free(payload);
        }
        if (mi >= 0 && fds[mi].revents) {
            if (!pump(master, 1)) {
                /* the slave side is closed: no more output, only the exit to wait for */
                master = -1;
            }
        }
        if (ii >= 0 && fds[ii].revents) {
            if (!pump(0, master)) {
                stdin_open = 0;
                if (master >= 0 && !termios_saved) {
                    /* piped input ended: tell the line discipline, as a terminal's ^D would */
                    char eot = 4;
                    write_all(master, &eot, 1);
                }
            }
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: contedor-stage SOCKET (started by contedor, not by hand)\n");
        return 125;
    }
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(argv[1]) >= sizeof(addr.sun_path)) {
        errno = ENAMETOOLONG;
        die(argv[1]);
    }
    strcpy(addr.sun_path, argv[1]);
    control = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (control < 0 || connect(control, (struct sockaddr *)&addr, sizeof(addr)) < 0)
        die("connect to the runtime");

    char *buf;
    uint32_t len;
    if (receive_message(&buf, &len) != MSG_PLAN)
        die("read the plan");
    if (plan_parse(buf, len, &plan) < 0) {
        errno = EINVAL;
        die("malformed plan");
    }

    for (uint32_t i = 0; i < plan.njoins; i++) {
        int fd = open(plan.joins[i].path, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || setns(fd, (int)plan.joins[i].nstype) < 0)
            die(plan.joins[i].path);
        close(fd);
    }

    struct child_env env = {.console_fd = -1, .devnull_fd = -1, .cap_last = read_cap_last()};
    int sync_pipe[2], error_pipe[2], console_pair[2] = {-1, -1};
    if (pipe2(sync_pipe, O_CLOEXEC) < 0 || pipe2(error_pipe, O_CLOEXEC) < 0)
        die("pipe");
    if ((plan.flags & PLAN_TERMINAL) && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, console_pair) < 0)
        die("socketpair");
    if (!(plan.flags & (PLAN_INTERACTIVE | PLAN_TERMINAL))) {
        env.devnull_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (env.devnull_fd < 0)
            die("/dev/null");
    }
    env.sync_fd = sync_pipe[0];
    env.error_fd = error_pipe[1];
    env.console_fd = console_pair[1];

    /* Signals the stage handles come through a signalfd; the child restores its mask before exec.
     * Terminal signals (INT, QUIT, HUP, TERM) reach the runtime too, which forwards them once. */
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGWINCH);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGQUIT);
    sigaddset(&mask, SIGHUP);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGPIPE);
    sigaddset(&mask, SIGTTOU);
    sigaddset(&mask, SIGTTIN);
    if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
        die("sigprocmask");
    sigset_t handled;
    sigemptyset(&handled);
    sigaddset(&handled, SIGCHLD);
    sigaddset(&handled, SIGWINCH);
    int sigfd = signalfd(-1, &handled, SFD_CLOEXEC);
    if (sigfd < 0)
        die("signalfd");

    child = (pid_t)syscall(SYS_clone, (unsigned long)plan.clone_flags | SIGCHLD, NULL, NULL, NULL, 0UL);
    if (child < 0)
        die("clone");
    if (child == 0) {
        close(control);
        close(sigfd);
        close(sync_pipe[1]);
        close(error_pipe[0]);
        if (console_pair[0] >= 0)
            close(console_pair[0]);
        child_run(&plan, &env);
    }
    close(sync_pipe[0]);
    close(error_pipe[1]);
    if (console_pair[1] >= 0)
        close(console_pair[1]);
    if (env.devnull_fd >= 0)
        close(env.devnull_fd);

    int64_t pid64 = child;
    send_message(MSG_PID, &pid64, sizeof(pid64));
    for (;;) {
        char *payload = NULL;
        int type = control >= 0 ? receive_message(&payload, &len) : -1;
        if (type < 0) {
            /* the runtime is gone before go: nothing may run unsupervised */
            kill(child, SIGKILL);
            waitpid(child, NULL, 0);
            cleanup_run();
            return 125;
        }
        if (type == MSG_SIGNAL && len == 4) {
            int32_t sig;
            memcpy(&sig, payload, 4);
            kill(child, sig);
        } else if (type == MSG_LEFTOVERS) {
            cleanup_keep(payload, len);
            payload = NULL;
        }
        free(payload);
        if (type == MSG_GO)
            break;
    }
    if (write_all(sync_pipe[1], "g", 1) < 0)
        die("release the child");
    close(sync_pipe[1]);

    int master = -1;
    if (console_pair[0] >= 0) {
        master = recv_fd(console_pair[0]);
        close(console_pair[0]);
        if (master >= 0) {
            copy_window_size(master);
            if (isatty(0) && tcgetattr(0, &saved_termios) == 0) {
                struct termios raw = saved_termios;
                cfmakeraw(&raw);
                if (tcsetattr(0, TCSANOW, &raw) == 0)
                    termios_saved = 1;
            }
        }
    }

    struct {
        uint32_t index;
        int32_t err;
        char text[248];
    } failure;
    if (read_all(error_pipe[0], &failure, sizeof(failure)) == 0) {
        failure.text[sizeof(failure.text) - 1] = '\0';
        size_t tlen = strlen(failure.text);
        char out[8 + sizeof(failure.text)];
        memcpy(out, &failure.index, 4);
        memcpy(out + 4, &failure.err, 4);
        memcpy(out + 8, failure.text, tlen);
        restore_terminal();
        send_message(MSG_FAILED, out, (uint32_t)(8 + tlen));
        waitpid(child, NULL, 0);
        return 125;
    }
    close(error_pipe[0]);
    send_message(MSG_EXECUTED, NULL, 0);
    supervise(sigfd, master);
    return 0;
}
