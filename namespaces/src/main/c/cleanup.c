/*
 * What a container holds on the host (cgroup folders, its own layer, its state folder) is
 * removed by the runtime after its end. The runtime also sends the same removal, as explicit
 * steps, right after its parent-side hooks; if the runtime dies (SIGKILL, the OOM killer)
 * the stage, which outlives it, runs them once the child is reaped, so nothing is left
 * behind. Java decides every step (which file to write, which pids to kill, which folders
 * to remove, how often to retry at what interval); this file only executes them. Each step
 * is best effort: a failure is reported on stderr and the next step runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "stage.h"

static char *kept;
static struct op steps[MAX_CLEANUP];
static uint32_t nsteps;

#define S(op, i) ((op)->args[i].data)
#define N(op, i) arg_u64(&(op)->args[i])

static void forget(void) {
    for (uint32_t i = 0; i < nsteps; i++)
        free(steps[i].args);
    nsteps = 0;
    free(kept);
    kept = NULL;
}

void cleanup_keep(char *payload, uint32_t len) {
    forget();
    kept = payload;
    if (steps_parse(payload, len, steps, MAX_CLEANUP, &nsteps) < 0) {
        /* malformed: remove nothing rather than guess */
        fprintf(stderr, "contedor-stage: malformed cleanup steps ignored\n");
        nsteps = 0;
    }
}

static void warn(const char *call, const char *path) {
    fprintf(stderr, "contedor-stage: %s %s: %s\n", call, path, strerror(errno));
}

static void write_value(const char *path, const char *value) {
    int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 || write(fd, value, strlen(value)) < 0) {
        if (errno != ENOENT)
            warn("write", path);
    }
    if (fd >= 0)
        close(fd);
}

static void kill_listed(const char *path) {
    FILE *list = fopen(path, "re");
    if (!list)
        return;
    long pid;
    while (fscanf(list, "%ld", &pid) == 1)
        if (pid > 0)
            kill((pid_t)pid, SIGKILL);
    fclose(list);
}

static void remove_folder(const char *path, uint64_t attempts, uint64_t interval_ms, const char *kill_while_busy) {
    for (uint64_t attempt = 1;; attempt++) {
        if (rmdir(path) == 0 || errno == ENOENT)
            return;
        if (errno != EBUSY || attempt >= attempts)
            break;
        if (*kill_while_busy)
            kill_listed(kill_while_busy);
        struct timespec pause = {(time_t)(interval_ms / 1000), (long)(interval_ms % 1000) * 1000000L};
        nanosleep(&pause, NULL);
    }
    warn("rmdir", path);
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    (void)st;
    (void)ftw;
    if ((type == FTW_DP ? rmdir(path) : unlink(path)) < 0 && errno != ENOENT)
        warn(type == FTW_DP ? "rmdir" : "unlink", path);
    return 0;
}

void cleanup_run(void) {
    for (uint32_t i = 0; i < nsteps; i++) {
        const struct op *op = &steps[i];
        if (op->argc < 1 || S(op, 0)[0] != '/')
            continue;
        switch (op->code) {
        case CLEAN_WRITE:
            if (op->argc == 2)
                write_value(S(op, 0), S(op, 1));
            break;
        case CLEAN_KILL_LISTED:
            kill_listed(S(op, 0));
            break;
        case CLEAN_RMDIR:
            if (op->argc == 4)
                remove_folder(S(op, 0), N(op, 1), N(op, 2), S(op, 3));
            break;
        case CLEAN_RMDIR_IF_EMPTY:
            rmdir(S(op, 0));
            break;
        case CLEAN_RMTREE:
            nftw(S(op, 0), remove_entry, 32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
            break;
        default:
            fprintf(stderr, "contedor-stage: unknown cleanup step %u ignored\n", op->code);
        }
    }
}
