/*
 * What a container holds on the host (cgroup folders, its own layer, its state folder) and
 * the runtime removes after its end. The runtime sends the list right after its parent-side
 * hooks; if the runtime dies (SIGKILL, the OOM killer) the stage, which outlives it, kills
 * the container and removes them, so nothing is left behind. Java decides what; this only
 * executes: "c" cgroup folder, "e" folder if empty, "t" a tree, each a NUL-ended path.
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
static uint32_t kept_len;

void leftovers_keep(char *payload, uint32_t len) {
    free(kept);
    kept = payload;
    kept_len = len;
}

static void write_file(const char *dir, const char *name, const char *value) {
    char path[4096];
    if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
        return;
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ssize_t ignored = write(fd, value, strlen(value));
    (void)ignored;
    close(fd);
}

/* SIGKILL to every task still listed: a process that outlived the init (--pid host). */
static void kill_listed(const char *dir) {
    char path[4096];
    if (snprintf(path, sizeof(path), "%s/cgroup.procs", dir) >= (int)sizeof(path))
        return;
    FILE *procs = fopen(path, "re");
    if (!procs)
        return;
    long pid;
    while (fscanf(procs, "%ld", &pid) == 1)
        if (pid > 0)
            kill((pid_t)pid, SIGKILL);
    fclose(procs);
}

static void remove_cgroup(const char *dir) {
    /* frozen v1 tasks cannot die: thaw first; v2 has cgroup.kill, v1 the list */
    write_file(dir, "freezer.state", "THAWED");
    write_file(dir, "cgroup.kill", "1");
    for (int attempt = 0; attempt < 200; attempt++) {
        if (rmdir(dir) == 0 || errno == ENOENT)
            return;
        if (errno != EBUSY)
            break;
        kill_listed(dir);
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    fprintf(stderr, "contedor-stage: cannot remove %s: %s\n", dir, strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    (void)st;
    (void)ftw;
    if ((type == FTW_DP ? rmdir(path) : unlink(path)) < 0 && errno != ENOENT)
        fprintf(stderr, "contedor-stage: cannot remove %s: %s\n", path, strerror(errno));
    return 0;
}

void leftovers_remove(void) {
    for (uint32_t at = 0; kept && at < kept_len;) {
        char kind = kept[at];
        const char *path = kept + at + 1;
        size_t plen = strnlen(path, kept_len - at - 1);
        if (at + 1 + plen >= kept_len || path[0] != '/')
            return; /* malformed: remove nothing rather than guess */
        switch (kind) {
        case 'c':
            remove_cgroup(path);
            break;
        case 'e':
            rmdir(path);
            break;
        case 't':
            /* depth first, never following a link, never crossing into another mount */
            nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
            break;
        default:
            return;
        }
        at += 1 + (uint32_t)plen + 1;
    }
}
