// AVX-512 F/BW/VL. 512-bit vectors are used where the code asks for them (exp's 8 doubles, its table
// permute); the auto-vectorised loops keep the compiler's preferred width.
#if defined(__x86_64__)
#define CK_SUFFIX avx512
#define CK_LEVEL_AVX512 1
#define CK_LEVEL_FMA 1
#define CK_TARGET_FEATURES "avx512f,avx512bw,avx512vl,avx2,fma"
#include "LevelTemplate.h"
#endif
