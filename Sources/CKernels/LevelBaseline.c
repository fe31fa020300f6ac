// The portable level: SSE2 on x86-64 (its baseline), plain C elsewhere.
#define CK_SUFFIX baseline
#include "LevelTemplate.h"
