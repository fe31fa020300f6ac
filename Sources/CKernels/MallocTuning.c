// glibc's malloc tuning is not visible from Swift's Glibc module (malloc.h), hence this one function in C.
#include "CKernels.h"
#include <stdlib.h>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void ck_keep_large_blocks_in_heap(void) {
#if defined(__GLIBC__)
    // 32 MB is the largest mmap threshold glibc accepts on 64-bit (half its heap size); mallopt refuses more.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}
