#ifndef CFILEOPS_H
#define CFILEOPS_H

/// Why this module exists: Swift's Glibc module does not declare renameat2 (glibc only does
/// under _GNU_SOURCE) and `syscall` is variadic, which Swift cannot call. These two small
/// functions give the atomic rename flags VisitPlanner's "never lose a file" promise rests on.

/// Fail with EEXIST instead of replacing the target (Linux RENAME_NOREPLACE, macOS RENAME_EXCL).
#define CFO_RENAME_NOREPLACE 1u
/// Swap the two names atomically; both must exist (Linux RENAME_EXCHANGE, macOS RENAME_SWAP).
#define CFO_RENAME_EXCHANGE 2u

/// renameat with flags: 0 on success, -1 with errno set (EINVAL or ENOSYS where the file
/// system or kernel does not support the flag).
int cfo_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);

#endif
