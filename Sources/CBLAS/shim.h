#include <x86_64-linux-gnu/cblas.h>
/* openblas_set_num_threads etc. live in the same header in Debian's package. */
