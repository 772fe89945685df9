// Exists so the module map has one header to point at; Debian puts glpk.h in /usr/include.
#include <glpk.h>
