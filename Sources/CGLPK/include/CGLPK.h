// GLPK's C API plus the few C functions that make GLPK's internal errors survivable.
//
// Why C: GLPK answers every internal error (a failed assertion, "glp_add_cols: ncs = 0",
// memory exhaustion) by printing a message and calling abort(). The only documented way back
// is an error hook (glp_error_hook) that long-jumps to a setjmp point, and only C can do that
// soundly: a longjmp must never cross a Swift frame (Swift has no notion of it: no defer, no
// release, undefined behaviour). So each GLPK routine that does real work is called from a C
// function below that owns the setjmp point, and everything GLPK may call back during that
// routine (the branch-and-cut callback) is C as well. The terminal hook stays in Swift: GLPK
// calls it, and it returns, before the error hook runs, so no Swift frame is live at the jump.
#ifndef VISITPLANNER_CGLPK_H
#define VISITPLANNER_CGLPK_H

#include <glpk.h>

// MARK: - Search monitor

/// What the branch-and-cut callback shares with Swift (see vp_intopt). Plain data, no pointers
/// into Swift objects, so the callback can be C.
typedef struct vp_search {
    /// The incumbent to offer, 1-based with a dummy element 0 (glp_ios_heur_sol's layout);
    /// NULL when there is nothing to offer. Not owned.
    const double *incumbent;
    /// Number of columns the incumbent has; it is only offered to a tree problem of that size.
    int columns;
    /// Set once the incumbent was offered (it is offered at most once).
    int offered;
    /// -1 never offered, 0 refused (or not offered because of a shape mismatch), 1 accepted.
    int accepted;
    /// 1 once `bound` holds the best bound seen at any callback (it outlives the tree).
    int has_bound;
    double bound;
} vp_search;

// MARK: - Protected GLPK calls

// Every function below calls one GLPK routine with an error hook installed. If GLPK raises an
// internal error, GLPK prints its message (through the thread's terminal hook), the hook
// long-jumps back here, glp_free_env() frees every GLPK object of the calling thread
// (including `P`, which must never be used or deleted again), `*failed` is set to 1 and the
// function returns 0. Otherwise `*failed` is 0 and the routine's own result is returned.
// Afterwards the error hook is cleared (GLPK offers no way to read the previous one).

/// glp_intopt with `search` as the branch-and-cut callback's state (parm's cb_func and cb_info
/// are replaced). `search` may be NULL.
int vp_intopt(glp_prob *P, const glp_iocp *parm, vp_search *search, int *failed);
/// glp_simplex.
int vp_simplex(glp_prob *P, const glp_smcp *parm, int *failed);
/// glp_add_cols (GLPK aborts on a count < 1, and on memory exhaustion).
int vp_add_cols(glp_prob *P, int count, int *failed);
/// glp_add_rows (GLPK aborts on a count < 1, and on memory exhaustion).
int vp_add_rows(glp_prob *P, int count, int *failed);
/// glp_load_matrix; returns 0.
int vp_load_matrix(glp_prob *P, int ne, const int ia[], const int ja[], const double ar[], int *failed);
/// glp_read_lp (CPLEX LP) with default parameters.
int vp_read_lp(glp_prob *P, const char *path, int *failed);
/// glp_read_mps (free MPS) with default parameters.
int vp_read_mps(glp_prob *P, const char *path, int *failed);
/// glp_write_lp (CPLEX LP) with default parameters.
int vp_write_lp(glp_prob *P, const char *path, int *failed);
/// glp_write_mps (free MPS) with default parameters.
int vp_write_mps(glp_prob *P, const char *path, int *failed);

#endif
