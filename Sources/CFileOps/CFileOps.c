#define _GNU_SOURCE
#include "CFileOps.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

int cfo_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags) {
#if defined(__linux__)
#if defined(SYS_renameat2)
    unsigned int native = 0;
    if (flags & CFO_RENAME_NOREPLACE) native |= 1u; /* RENAME_NOREPLACE */
    if (flags & CFO_RENAME_EXCHANGE) native |= 2u;  /* RENAME_EXCHANGE */
    return (int)syscall(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, native);
#else
    if (flags == 0) return renameat(olddirfd, oldpath, newdirfd, newpath);
    errno = ENOSYS;
    return -1;
#endif
#elif defined(__APPLE__)
    unsigned int native = 0;
    if (flags & CFO_RENAME_NOREPLACE) native |= RENAME_EXCL;
    if (flags & CFO_RENAME_EXCHANGE) native |= RENAME_SWAP;
    return renameatx_np(olddirfd, oldpath, newdirfd, newpath, native);
#else
    if (flags == 0) return renameat(olddirfd, oldpath, newdirfd, newpath);
    errno = ENOSYS;
    return -1;
#endif
}
