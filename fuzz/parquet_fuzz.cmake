# Included by src/format/parquet/CMakeLists.txt when FN_BUILD_FUZZ=ON. Uses
# the shared standalone mutation driver (or libFuzzer with clang).
add_executable(fuzz_parquet ${CMAKE_SOURCE_DIR}/fuzz/parquet_fuzz.cc)
if(FN_FUZZ_LIBFUZZER)
  target_compile_options(fuzz_parquet PRIVATE -fsanitize=fuzzer)
  target_link_options(fuzz_parquet PRIVATE -fsanitize=fuzzer)
else()
  target_sources(fuzz_parquet PRIVATE ${CMAKE_SOURCE_DIR}/fuzz/standalone_main.cc)
endif()
target_include_directories(fuzz_parquet PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_BINARY_DIR}/gen ${CMAKE_SOURCE_DIR}/fuzz)
target_link_libraries(fuzz_parquet PRIVATE fluss_native_core)
target_compile_definitions(fuzz_parquet PRIVATE FN_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
