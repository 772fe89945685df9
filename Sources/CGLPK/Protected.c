// See CGLPK.h for why this file exists: it turns GLPK's abort() on internal errors into a
// return value, with setjmp/longjmp confined to C frames.

#include "CGLPK.h"

#include <setjmp.h>
#include <stddef.h>

// MARK: - Error hook

/// The jump target of one protected call. Lives on the protected function's stack; GLPK's
/// environment (and so its error hook) is per thread, so concurrent calls on other threads
/// each have their own.
typedef struct vp_guard {
    jmp_buf target;
} vp_guard;

/// GLPK's error hook: called after GLPK printed its message, instead of returning (which
/// would let GLPK call abort()) it jumps back to the protected call.
static void vp_jump_back(void *info) {
    longjmp(((vp_guard *)info)->target, 1);
}

/// The body of every protected call. `CALL` is evaluated with the hook installed; only C
/// frames (GLPK's, and vp_search_callback) can lie between the setjmp and the longjmp.
/// After a jump, GLPK's state of this thread is in whatever half-updated shape the error left
/// it, so it is all thrown away with glp_free_env() before anything else touches GLPK.
#define VP_PROTECTED(FAILED, CALL)                 \
    do {                                           \
        vp_guard guard;                            \
        *(FAILED) = 0;                             \
        if (setjmp(guard.target) != 0) {           \
            glp_free_env();                        \
            *(FAILED) = 1;                         \
            return 0;                              \
        }                                          \
        glp_error_hook(vp_jump_back, &guard);      \
        int result = (CALL);                       \
        glp_error_hook(NULL, NULL);                \
        return result;                             \
    } while (0)

// MARK: - Branch-and-cut callback

/// Tracks the best bound and offers the caller's incumbent once, at the first request for a
/// heuristic solution. C rather than Swift because GLPK routines called from here may raise
/// an internal error, and the jump back must not cross a Swift frame.
static void vp_search_callback(glp_tree *tree, void *info) {
    vp_search *search = info;
    int best = glp_ios_best_node(tree);
    if (best != 0) {
        search->bound = glp_ios_node_bound(tree, best);
        search->has_bound = 1;
    }
    if (glp_ios_reason(tree) != GLP_IHEUR || search->offered || search->incumbent == NULL) {
        return;
    }
    search->offered = 1;
    // Never hand GLPK a vector for a problem of another shape (e.g. a presolved one).
    if (glp_get_num_cols(glp_ios_get_prob(tree)) != search->columns) {
        search->accepted = 0;
        return;
    }
    search->accepted = glp_ios_heur_sol(tree, search->incumbent) == 0 ? 1 : 0;
}

// MARK: - Protected calls

int vp_intopt(glp_prob *P, const glp_iocp *parm, vp_search *search, int *failed) {
    glp_iocp local = *parm;
    local.cb_func = search == NULL ? NULL : vp_search_callback;
    local.cb_info = search;
    VP_PROTECTED(failed, glp_intopt(P, &local));
}

int vp_simplex(glp_prob *P, const glp_smcp *parm, int *failed) {
    VP_PROTECTED(failed, glp_simplex(P, parm));
}

int vp_add_cols(glp_prob *P, int count, int *failed) {
    VP_PROTECTED(failed, glp_add_cols(P, count));
}

int vp_add_rows(glp_prob *P, int count, int *failed) {
    VP_PROTECTED(failed, glp_add_rows(P, count));
}

int vp_load_matrix(glp_prob *P, int ne, const int ia[], const int ja[], const double ar[], int *failed) {
    VP_PROTECTED(failed, (glp_load_matrix(P, ne, ia, ja, ar), 0));
}

int vp_read_lp(glp_prob *P, const char *path, int *failed) {
    VP_PROTECTED(failed, glp_read_lp(P, NULL, path));
}

int vp_read_mps(glp_prob *P, const char *path, int *failed) {
    VP_PROTECTED(failed, glp_read_mps(P, GLP_MPS_FILE, NULL, path));
}

int vp_write_lp(glp_prob *P, const char *path, int *failed) {
    VP_PROTECTED(failed, glp_write_lp(P, NULL, path));
}

int vp_write_mps(glp_prob *P, const char *path, int *failed) {
    VP_PROTECTED(failed, glp_write_mps(P, GLP_MPS_FILE, NULL, path));
}
