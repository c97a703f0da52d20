/* SPDX-License-Identifier: MIT */
/*
 * Run one program and report its wall time, CPU time and peak RSS, for
 * bench/run.
 *
 * Usage: scorecard-bench-measure OUT ERR PROGRAM [ARG...]
 * Runs PROGRAM with standard output to the file OUT and standard error to
 * ERR (both truncated), waits for it with wait4(), and prints one line
 * "status=N wall=S cpu=S maxrss_kib=N": N the exit status (or minus the
 * signal number), wall seconds from fork to reaping, CPU seconds (user +
 * system) and the peak resident set of that child alone.
 * Exit status 0 when PROGRAM ran (whatever its own status), 1 otherwise.
 *
 * Why not fork from Python: Linux folds the peak RSS of the address space
 * a process replaces at exec() into its ru_maxrss, so a child forked from
 * the harness reports at least the harness's own ~12 MiB. Forked from this
 * small program, a child starts from a few hundred KiB.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Seconds of a timeval. */
static double
tv_seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* Seconds of a monotonic clock; cannot fail on Linux. */
static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Open path for writing, truncated, close-on-exec; -1 with a message. */
static int
open_output(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        fprintf(stderr, "scorecard-bench-measure: cannot open '%s': %s\n",
                path, strerror(errno));
    return fd;
}

int
main(int argc, char **argv)
{
    if (argc < 4) {
        fputs("usage: scorecard-bench-measure OUT ERR PROGRAM [ARG...]\n",
              stderr);
        return 1;
    }
    int out = open_output(argv[1]);
    int err = open_output(argv[2]);
    if (out < 0 || err < 0)
        return 1;

    double start = now();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "scorecard-bench-measure: fork: %s\n",
                strerror(errno));
        return 1;
    }
    if (pid == 0) {
        if (dup2(out, STDOUT_FILENO) >= 0 && dup2(err, STDERR_FILENO) >= 0)
            execvp(argv[3], argv + 3);
        /* stderr is ERR here when the dup2s worked */
        fprintf(stderr, "scorecard-bench-measure: cannot run '%s': %s\n",
                argv[3], strerror(errno));
        _exit(127);
    }

    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "scorecard-bench-measure: wait4: %s\n",
                    strerror(errno));
            return 1;
        }
    }
    double wall = now() - start;

    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    printf("status=%d wall=%.6f cpu=%.6f maxrss_kib=%ld\n", code, wall,
           tv_seconds(ru.ru_utime) + tv_seconds(ru.ru_stime), ru.ru_maxrss);
    return fflush(stdout) == 0 ? 0 : 1;
}
