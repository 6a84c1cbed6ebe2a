// Symbols are hidden by default (-fvisibility=hidden) so fluss-native can live
// inside a host engine's process without clashing with its libraries; only
// declarations marked FN_EXPORT form the shared library's ABI.
#pragma once

#if defined(_WIN32)
#define FN_EXPORT __declspec(dllexport)
#else
#define FN_EXPORT __attribute__((visibility("default")))
#endif
