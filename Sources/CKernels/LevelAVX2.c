// AVX2 + FMA (FMA only where written out: exp's CK_MLA; contraction is off).
#if defined(__x86_64__)
#define CK_SUFFIX avx2
#define CK_LEVEL_FMA 1
#define CK_TARGET_FEATURES "avx2,fma"
#include "LevelTemplate.h"
#endif
