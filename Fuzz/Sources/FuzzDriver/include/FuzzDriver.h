#include <stddef.h>
#include <stdint.h>

/// libFuzzer's own driver, for executables whose `main` the package
/// manager names after the module (debug builds rename it so).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
