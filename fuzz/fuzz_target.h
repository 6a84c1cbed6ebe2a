// Contract between a fuzz target and a driver. Each target defines the
// libFuzzer entry point plus seed inputs; fuzz/standalone_main.cc drives it
// with random mutations when libFuzzer is unavailable (g++ builds).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

// Valid inputs to start mutating from.
std::vector<std::string> FuzzSeeds();
