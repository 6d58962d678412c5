/* check_atomicfile.c - Check suite for src/io/atomicfile: bounded reads
 * that refuse what is not a regular text file, and atomic writes that
 * lose nothing when they fail or when the file changed meanwhile.  It
 * links libio.a alone: no libvirt, no libxml2. */
#include <config.h>

#include <check.h>

#include "testutil.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/atomicfile.h"

static void
writefile(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    chmod(path, mode);
}

static size_t
count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;

    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

START_TEST(t_write_atomic)
{
    char dir[] = "/tmp/check_atomicfile.XXXXXX";
    char path[256], bak[256];
    char *err = NULL, *got;
    struct stat st;
    struct atomicfile *f;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/guest.xml", dir);
    snprintf(bak, sizeof(bak), "%s/guest.xml~", dir);
    writefile(path, "<domain>old</domain>\n", 0640);
    f = atomicfile_read(path, &err);
    ck_assert_msg(f != NULL, "%s", err);
    ck_assert_int_eq(atomicfile_replace(f, "<domain>new</domain>\n", &err), 0);
    got = test_slurp(path);
    ck_assert_str_eq(got, "<domain>new</domain>\n");
    free(got);
    got = test_slurp(bak);
    ck_assert_str_eq(got, "<domain>old</domain>\n");
    free(got);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0640);
    ck_assert_uint_eq(count_entries(dir), 2);        /* no temp file left */

    /* a second write through the same object: it knows the new state */
    ck_assert_int_eq(atomicfile_replace(f, "<domain>newer</domain>\n", &err), 0);
    got = test_slurp(bak);
    ck_assert_str_eq(got, "<domain>new</domain>\n");
    free(got);

    /* a file that vanished since it was read */
    unlink(path);
    ck_assert_int_lt(atomicfile_replace(f, "x", &err), 0);
    ck_assert_ptr_nonnull(strstr(err, "changed since it was read"));
    free(err);
    err = NULL;
    ck_assert_int_eq(access(path, F_OK), -1);
    ck_assert_uint_eq(count_entries(dir), 1);
    atomicfile_free(f);

    /* a path that is not a regular file */
    ck_assert_ptr_null(atomicfile_read(dir, &err));
    ck_assert_ptr_nonnull(strstr(err, "directory"));
    free(err);
    err = NULL;
    unlink(bak);
    rmdir(dir);
}
END_TEST

/* ---- reads that refuse, and writes that notice a change ------------ */

static void
refused_read(const char *path, const char *msg)
{
    char *err = NULL;
    struct atomicfile *f = atomicfile_read(path, &err);

    ck_assert_msg(f == NULL, "%s was read", path);
    ck_assert_msg(err && strstr(err, msg), "%s: message \"%s\" lacks \"%s\"",
                  path, err ? err : "(none)", msg);
    free(err);
}

/* Check's per-test timeout turns a read that blocks into a failure. */
START_TEST(t_read_refuses)
{
    char dir[] = "/tmp/check_atomicfile.XXXXXX";
    char p[256];
    int fd;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(p, sizeof(p), "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(p, 0600), 0);
    refused_read(p, "a FIFO");
    refused_read("/dev/zero", "a character device");
    snprintf(p, sizeof(p), "%s/zero.xml", dir);
    ck_assert_int_eq(symlink("/dev/zero", p), 0);
    refused_read(p, "a character device");
    refused_read(dir, "a directory");
    snprintf(p, sizeof(p), "%s/big.xml", dir);
    fd = open(p, O_WRONLY | O_CREAT, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, ATOMICFILE_MAX + 1), 0);
    close(fd);
    refused_read(p, "larger than 16 MiB");
    snprintf(p, sizeof(p), "%s/nul.xml", dir);
    fd = open(p, O_WRONLY | O_CREAT, 0600);
    ck_assert_int_eq(write(fd, "<domain>\0</domain>", 18), 18);
    close(fd);
    refused_read(p, "not a text file");
    snprintf(p, sizeof(p), "%s/no/such/dir/guest.xml", dir);
    refused_read(p, "No such file or directory");
    ck_assert_int_lt(atomicfile_create(p, "<domain/>", 0644, NULL), 0);

    snprintf(p, sizeof(p), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(p), 0);
}
END_TEST

struct race {
    char dir[64], path[256], bak[256];
    struct atomicfile *f;
};

/* A domain file read by "us", with an older backup beside it. */
static void
race_setup(struct race *r)
{
    char *err = NULL;

    strcpy(r->dir, "/tmp/check_atomicfile.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(r->dir));
    snprintf(r->path, sizeof(r->path), "%s/guest.xml", r->dir);
    snprintf(r->bak, sizeof(r->bak), "%s/guest.xml~", r->dir);
    writefile(r->path, "<domain>ours 1</domain>\n", 0640);
    writefile(r->bak, "<domain>older</domain>\n", 0640);
    r->f = atomicfile_read(r->path, &err);
    ck_assert_msg(r->f != NULL, "%s", err ? err : "?");
}

/* The write is refused, the other edit and the old backup are where
 * they were, and no temporary file is left. */
static void
race_refused(struct race *r, const char *other, const char *msg)
{
    char *err = NULL, *got;
    char cmd[128];

    ck_assert_int_lt(atomicfile_replace(r->f, "<domain>ours 2</domain>\n", &err), 0);
    ck_assert_msg(err && strstr(err, msg), "message \"%s\" lacks \"%s\"", err ? err : "(none)", msg);
    ck_assert_ptr_nonnull(strstr(err, "nothing was written"));
    free(err);
    got = test_slurp(r->path);
    ck_assert_str_eq(got, other);
    free(got);
    got = test_slurp(r->bak);
    ck_assert_str_eq(got, "<domain>older</domain>\n");
    free(got);
    ck_assert_uint_eq(count_entries(r->dir), 2);
    atomicfile_free(r->f);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", r->dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Changed in place, same size, and the mtime set back: only the bytes
 * tell. */
START_TEST(t_race_same_size_same_mtime)
{
    struct race r;
    struct stat st;
    struct timespec ts[2];
    int fd;

    race_setup(&r);
    ck_assert_int_eq(stat(r.path, &st), 0);
    fd = open(r.path, O_WRONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(pwrite(fd, "OURS", 4, 8), 4);
    close(fd);
    ts[0] = st.st_atim;
    ts[1] = st.st_mtim;
    ck_assert_int_eq(utimensat(AT_FDCWD, r.path, ts, 0), 0);
    race_refused(&r, "<domain>OURS 1</domain>\n", "changed by someone else");
}
END_TEST

/* Another editor wrote a new file and renamed it over ours. */
START_TEST(t_race_renamed_over)
{
    struct race r;
    char other[300];

    race_setup(&r);
    snprintf(other, sizeof(other), "%s/.other", r.dir);
    writefile(other, "<domain>theirs</domain>\n", 0640);
    ck_assert_int_eq(rename(other, r.path), 0);
    race_refused(&r, "<domain>theirs</domain>\n", "replaced by another file");
}
END_TEST

/* Appended to: the size tells. */
START_TEST(t_race_appended)
{
    struct race r;
    int fd;

    race_setup(&r);
    fd = open(r.path, O_WRONLY | O_APPEND);
    ck_assert_int_eq(write(fd, "<!-- x -->\n", 11), 11);
    close(fd);
    race_refused(&r, "<domain>ours 1</domain>\n<!-- x -->\n", "changed by someone else");
}
END_TEST

/* Replaced by a FIFO meanwhile: refused without blocking. */
START_TEST(t_race_fifo)
{
    struct race r;

    race_setup(&r);
    ck_assert_int_eq(unlink(r.path), 0);
    ck_assert_int_eq(mkfifo(r.path, 0600), 0);
    ck_assert_int_lt(atomicfile_replace(r.f, "x", NULL), 0);
    ck_assert_uint_eq(count_entries(r.dir), 2);
    unlink(r.path);
    writefile(r.path, "<domain>back 1</domain>\n", 0640);
    /* the inode number and, within a clock tick, the mtime may come
     * back; the bytes differ */
    race_refused(&r, "<domain>back 1</domain>\n", "since it was read");
}
END_TEST

/* Only the mode changed: nothing is lost, so the write goes ahead and
 * keeps the new mode. */
START_TEST(t_race_chmod)
{
    struct race r;
    struct stat st;
    char *err = NULL, *got;
    char cmd[128];

    race_setup(&r);
    ck_assert_int_eq(chmod(r.path, 0600), 0);
    ck_assert_int_eq(atomicfile_replace(r.f, "<domain>ours 2</domain>\n", &err), 0);
    ck_assert_int_eq(stat(r.path, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0600);
    got = test_slurp(r.bak);
    ck_assert_str_eq(got, "<domain>ours 1</domain>\n");
    free(got);
    atomicfile_free(r.f);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", r.dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Through a symlink: the file it points to is replaced, the link stays. */
START_TEST(t_symlink_target)
{
    char dir[] = "/tmp/check_atomicfile.XXXXXX";
    char real[256], link_[256], bak[256], cmd[128];
    char *err = NULL, *got;
    struct atomicfile *f;
    struct stat st;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(real, sizeof(real), "%s/real.xml", dir);
    snprintf(link_, sizeof(link_), "%s/link.xml", dir);
    snprintf(bak, sizeof(bak), "%s/real.xml~", dir);
    writefile(real, "<domain>1</domain>\n", 0644);
    ck_assert_int_eq(symlink("real.xml", link_), 0);
    f = atomicfile_read(link_, &err);
    ck_assert_msg(f != NULL, "%s", err ? err : "?");
    ck_assert_int_eq(atomicfile_replace(f, "<domain>2</domain>\n", &err), 0);
    ck_assert_int_eq(lstat(link_, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    got = test_slurp(real);
    ck_assert_str_eq(got, "<domain>2</domain>\n");
    free(got);
    got = test_slurp(bak);
    ck_assert_str_eq(got, "<domain>1</domain>\n");
    free(got);
    atomicfile_free(f);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(t_create)
{
    char dir[] = "/tmp/check_atomicfile.XXXXXX";
    char p[256], cmd[128];
    char *err = NULL, *got;
    struct stat st;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(p, sizeof(p), "%s/new.xml", dir);
    ck_assert_int_eq(atomicfile_create(p, "<hostdev/>\n", 0644, &err), 0);
    ck_assert_int_eq(stat(p, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0644);
    /* never over an existing file */
    ck_assert_int_lt(atomicfile_create(p, "<other/>\n", 0644, &err), 0);
    ck_assert_ptr_nonnull(strstr(err, "exists"));
    free(err);
    got = test_slurp(p);
    ck_assert_str_eq(got, "<hostdev/>\n");
    free(got);
    ck_assert_uint_eq(count_entries(dir), 1);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A read-only directory.  Root ignores directory permissions, so as
 * root the write runs in a child that has become an unprivileged user. */
START_TEST(t_write_readonly_dir)
{
    char dir[] = "/tmp/check_atomicfile.XXXXXX";
    char path[256];
    char *got;
    pid_t pid;
    int status;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/guest.xml", dir);
    writefile(path, "<domain>keep me</domain>\n", 0666);
    ck_assert_int_eq(chmod(dir, 0555), 0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        char *err = NULL;
        struct atomicfile *f;
        int rc;

        if (geteuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
            _exit(3);
        if (!(f = atomicfile_read(path, &err)))
            _exit(4);
        rc = atomicfile_replace(f, "<domain>new</domain>\n", &err);
        /* 0: it failed, as it must, and said why */
        _exit(rc < 0 && err && strstr(err, "temporary file") ? 0 : 1);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    got = test_slurp(path);
    ck_assert_str_eq(got, "<domain>keep me</domain>\n");
    free(got);
    ck_assert_uint_eq(count_entries(dir), 1);
    chmod(dir, 0755);
    unlink(path);
    rmdir(dir);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("atomicfile");
    TCase *tc = tcase_create("atomicfile");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, t_write_atomic);
    tcase_add_test(tc, t_write_readonly_dir);
    tcase_add_test(tc, t_read_refuses);
    tcase_add_test(tc, t_race_same_size_same_mtime);
    tcase_add_test(tc, t_race_renamed_over);
    tcase_add_test(tc, t_race_appended);
    tcase_add_test(tc, t_race_fifo);
    tcase_add_test(tc, t_race_chmod);
    tcase_add_test(tc, t_symlink_target);
    tcase_add_test(tc, t_create);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
