/* live.c - what the screen keeps when the host under it is replaced
 * (F5, or the watcher): marks, folds and cursor by address, group id
 * and mdev UUID; and the brief highlight of the rows that just changed. */
#include <config.h>

#include "app-priv.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

/* How long a changed row stays highlighted, as htop shows a new process. */
#define UI_LIVE_HIGHLIGHT_MS 2000
/* The group id of the "no group" row in the folds kept. */
#define NO_GROUP INT_MIN

static long long
mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
group_id(const struct model_host *h, size_t g)
{
    return g < h->n_groups ? h->groups[g].id : NO_GROUP;
}

int
ui_keep_take(struct app *a, struct ui_keep *k)
{
    const struct model_host *h = ui_host(a);
    size_t i, n = 0, nc = 0;

    memset(k, 0, sizeof(*k));
    for (i = 0; i < h->n_devs && i < a->sel->n_devs; i++)
        n += a->sel->marked[i];
    for (i = 0; i <= h->n_groups; i++)
        nc += !a->expanded[i];
    k->marks = calloc(n + 1, sizeof(*k->marks));
    k->collapsed = calloc(nc + 1, sizeof(*k->collapsed));
    k->mdevs = calloc(model_sel_count_mdevs(a->sel) + 1, sizeof(*k->mdevs));
    if (!k->marks || !k->collapsed || !k->mdevs) {
        ui_keep_free(k);
        return -1;
    }
    for (i = 0; i < h->n_mdevs && i < a->sel->n_mdevs; i++)
        if (a->sel->mdev_marked[i])
            memcpy(k->mdevs[k->n_mdevs++], h->mdevs[i].uuid, sizeof(k->mdevs[0]));
    for (i = 0; i < h->n_devs && i < a->sel->n_devs; i++)
        if (a->sel->marked[i])
            k->marks[k->n_marks++] = h->devs[i].addr;
    for (i = 0; i <= h->n_groups; i++)
        if (!a->expanded[i])
            k->collapsed[k->n_collapsed++] = group_id(h, i);
    k->cur = a->cur;
    if (a->n_rows && a->cur < a->n_rows) {
        const struct ui_row *r = &a->rows[a->cur];

        k->on_dev = r->kind == R_DEV;
        k->on_group = r->kind == R_GROUP;
        k->on_mdev = r->kind == R_MDEV;
        if (k->on_dev)
            k->at = h->devs[r->idx].addr;
        else if (k->on_group)
            k->group = group_id(h, r->idx);
        else if (k->on_mdev)
            memcpy(k->mdev_at, h->mdevs[r->idx].uuid, sizeof(k->mdev_at));
    }
    return 0;
}

void
ui_keep_free(struct ui_keep *k)
{
    free(k->marks);
    free(k->collapsed);
    free(k->mdevs);
    k->marks = NULL;
    k->collapsed = NULL;
    k->mdevs = NULL;
    k->n_marks = k->n_collapsed = k->n_mdevs = 0;
}

int
ui_keep_restore(struct app *a, const struct ui_keep *k, struct bdf **lost, size_t *n_lost)
{
    const struct model_host *h = ui_host(a);
    size_t i, j;
    bool found = false;

    a->host_gen++;             /* a new host: measure its columns */

    if (lost) {
        *lost = NULL;
        *n_lost = 0;
    }
    /* the old host is gone: nothing sized or indexed for it may stay */
    model_sel_free(a->sel);
    a->sel = model_sel_new(h);
    free(a->expanded);
    a->expanded = calloc(h->n_groups + 1, sizeof(*a->expanded));
    free(a->rows);
    a->rows = NULL;
    a->n_rows = a->cur = 0;
    if (lost && k->n_marks && !(*lost = calloc(k->n_marks, sizeof(**lost))))
        return -1;
    if (!a->sel || !a->expanded)
        return -1;
    for (i = 0; i <= h->n_groups; i++) {
        int id = group_id(h, i);

        a->expanded[i] = true;
        for (j = 0; j < k->n_collapsed; j++)
            if (k->collapsed[j] == id)
                a->expanded[i] = false;
    }
    for (i = 0; i < k->n_marks; i++) {
        int d = model_find(h, &k->marks[i]);

        if (d >= 0 && (size_t)d < a->sel->n_devs)
            a->sel->marked[d] = true;
        else if (lost)
            (*lost)[(*n_lost)++] = k->marks[i];
    }
    /* an mdev is kept by its UUID (one that went is no longer marked) */
    for (i = 0; i < k->n_mdevs; i++) {
        int m = model_find_mdev(h, k->mdevs[i]);

        if (m >= 0 && (size_t)m < a->sel->n_mdevs)
            a->sel->mdev_marked[m] = true;
    }
    ui_build_rows(a);
    for (i = 0; i < a->n_rows && !found; i++) {
        const struct ui_row *r = &a->rows[i];

        if ((k->on_dev && r->kind == R_DEV && bdf_equal(&h->devs[r->idx].addr, &k->at)) ||
            (k->on_group && r->kind == R_GROUP && group_id(h, r->idx) == k->group) ||
            (k->on_mdev && r->kind == R_MDEV && strcmp(h->mdevs[r->idx].uuid, k->mdev_at) == 0)) {
            a->cur = i;
            found = true;
        }
    }
    /* the device under the cursor is gone: stay where it was */
    if (!found && a->n_rows)
        a->cur = k->cur < a->n_rows ? k->cur : a->n_rows - 1;
    return 0;
}

void
ui_keep_report_lost(struct app *a, const struct bdf *lost, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        char s[BDF_STRLEN];

        char msg[256];

        bdf_format(&lost[i], s);
        snprintf(msg, sizeof(msg), _("%s was marked and is gone from the host: its mark was dropped"), s);
        ui_set_event(a, true, msg);
    }
}

/* ---- the interface's own changes --------------------------------------- */

/* How long libvirt's events may take to echo a change made here. */
#define UI_LIVE_OWN_MS 2000

void
ui_live_own_change(struct app *a, const char *domain)
{
    snprintf(a->own_dom, sizeof(a->own_dom), "%s", domain);
    a->own_until = mono_ms() + UI_LIVE_OWN_MS;
}

bool
ui_live_is_own(const struct app *a, const char *domain)
{
    return a->own_dom[0] && strcmp(a->own_dom, domain) == 0 && mono_ms() < a->own_until;
}

void
ui_live_own_binds(struct app *a)
{
    a->own_bind_until = mono_ms() + UI_LIVE_OWN_MS;
}

bool
ui_live_is_own_bind(const struct app *a)
{
    return mono_ms() < a->own_bind_until;
}

/* ---- the highlight of changed rows ---------------------------------------- */

void
ui_live_changed(struct app *a, const struct bdf *addr)
{
    long long until = mono_ms() + UI_LIVE_HIGHLIGHT_MS;
    size_t i;

    for (i = 0; i < a->n_hl; i++) {
        if (bdf_equal(&a->hl[i].addr, addr)) {
            a->hl[i].until = until;
            return;
        }
    }
    if (a->n_hl == a->cap_hl) {
        size_t cap = a->cap_hl ? a->cap_hl * 2 : 16;
        struct ui_hl *v = realloc(a->hl, cap * sizeof(*v));

        if (!v)
            return;             /* no highlight: the log still says it */
        a->hl = v;
        a->cap_hl = cap;
    }
    a->hl[a->n_hl].addr = *addr;
    a->hl[a->n_hl].until = until;
    a->n_hl++;
}

bool
ui_live_is_changed(const struct app *a, const struct bdf *addr)
{
    size_t i;

    for (i = 0; i < a->n_hl; i++)
        if (bdf_equal(&a->hl[i].addr, addr))
            return true;
    return false;
}

int
ui_live_expire(struct app *a)
{
    long long now = mono_ms(), next = -1;
    size_t i, n = 0;

    for (i = 0; i < a->n_hl; i++) {
        if (a->hl[i].until <= now)
            continue;
        if (next < 0 || a->hl[i].until < next)
            next = a->hl[i].until;
        a->hl[n++] = a->hl[i];
    }
    a->n_hl = n;
    return next < 0 ? -1 : (int)(next - now);
}
