/* Decoding of the launch plan. Everything is checked; nothing is trusted. */
#include <stdlib.h>
#include <string.h>
#include "stage.h"

struct reader {
    char *p;
    char *end;
};

static int take(struct reader *r, void *out, size_t n) {
    if ((size_t)(r->end - r->p) < n)
        return -1;
    memcpy(out, r->p, n);
    r->p += n;
    return 0;
}

uint64_t arg_u64(const struct arg *a) {
    uint64_t v = 0;
    if (a->len == 8)
        memcpy(&v, a->data, 8);
    return v;
}

/* Reads a length-prefixed argument; strings carry their NUL inside the length. */
static int take_arg(struct reader *r, struct arg *a) {
    uint32_t len;
    if (take(r, &len, 4) < 0 || (size_t)(r->end - r->p) < len)
        return -1;
    a->data = r->p;
    a->len = len;
    r->p += len;
    return 0;
}

static int is_string(const struct arg *a) {
    return a->len > 0 && a->data[a->len - 1] == '\0';
}

/* Exec's args are: the search path, argc as u64, argc strings, then env strings. Pointer
 * arrays are made now, before clone. */
static int prepare_exec(struct op *op) {
    if (op->argc < 3 || !is_string(&op->args[0]))
        return -1;
    op->path = op->args[0].data;
    uint64_t argc = arg_u64(&op->args[1]);
    if (argc < 1 || argc > (uint64_t)op->argc - 2)
        return -1;
    size_t envc = op->argc - 2 - argc;
    op->argv = calloc(argc + 1, sizeof(char *));
    op->envp = calloc(envc + 1, sizeof(char *));
    if (!op->argv || !op->envp)
        return -1;
    for (size_t i = 0; i < argc; i++) {
        if (!is_string(&op->args[2 + i]))
            return -1;
        op->argv[i] = (char *)op->args[2 + i].data;
    }
    for (size_t i = 0; i < envc; i++) {
        if (!is_string(&op->args[2 + argc + i]))
            return -1;
        op->envp[i] = (char *)op->args[2 + argc + i].data;
    }
    return 0;
}

/* u32 count, then each step: u16 code, u16 argc, length-prefixed arguments. */
static int take_steps(struct reader *r, struct op *ops, uint32_t max, uint32_t *n) {
    if (take(r, n, 4) < 0 || *n > max)
        return -1;
    for (uint32_t i = 0; i < *n; i++) {
        struct op *op = &ops[i];
        if (take(r, &op->code, 2) < 0 || take(r, &op->argc, 2) < 0 || op->argc > MAX_ARGS)
            return -1;
        op->args = calloc(op->argc ? op->argc : 1, sizeof(struct arg));
        if (!op->args)
            return -1;
        for (uint16_t a = 0; a < op->argc; a++)
            if (take_arg(r, &op->args[a]) < 0)
                return -1;
    }
    return 0;
}

int plan_parse(char *buf, size_t len, struct plan *plan) {
    struct reader r = {buf, buf + len};
    uint32_t magic, version;
    memset(plan, 0, sizeof(*plan));
    if (take(&r, &magic, 4) < 0 || magic != PLAN_MAGIC)
        return -1;
    if (take(&r, &version, 4) < 0 || version != PLAN_VERSION)
        return -1;
    if (take(&r, &plan->clone_flags, 8) < 0 || take(&r, &plan->flags, 4) < 0)
        return -1;
    if (take(&r, &plan->njoins, 4) < 0 || plan->njoins > MAX_JOINS)
        return -1;
    for (uint32_t i = 0; i < plan->njoins; i++) {
        struct arg path;
        if (take(&r, &plan->joins[i].nstype, 4) < 0 || take_arg(&r, &path) < 0 || !is_string(&path))
            return -1;
        plan->joins[i].path = path.data;
    }
    if (take_steps(&r, plan->ops, MAX_OPS, &plan->nops) < 0)
        return -1;
    for (uint32_t i = 0; i < plan->nops; i++)
        if (plan->ops[i].code == OP_EXEC && prepare_exec(&plan->ops[i]) < 0)
            return -1;
    return r.p == r.end ? 0 : -1;
}

int steps_parse(char *buf, size_t len, struct op *ops, uint32_t max, uint32_t *n) {
    struct reader r = {buf, buf + len};
    memset(ops, 0, sizeof(*ops) * max);
    if (take_steps(&r, ops, max, n) < 0)
        return -1;
    for (uint32_t i = 0; i < *n; i++)
        for (uint16_t a = 0; a < ops[i].argc; a++)
            if (ops[i].args[a].len != 8 && !is_string(&ops[i].args[a]))
                return -1;
    return r.p == r.end ? 0 : -1;
}
