# Included by src/format/logbatch/CMakeLists.txt when FN_BUILD_FUZZ=ON.
# With clang and -DFN_FUZZ_LIBFUZZER=ON the targets link libFuzzer instead of
# our standalone mutation driver.
option(FN_FUZZ_LIBFUZZER "Link fuzz targets with libFuzzer (clang only)" OFF)
foreach(target arrow_ipc logbatch)
  set(name fuzz_${target})
  add_executable(${name} ${CMAKE_SOURCE_DIR}/fuzz/fuzz_${target}.cc
                         ${CMAKE_SOURCE_DIR}/fuzz/fuzz_types.cc)
  if(FN_FUZZ_LIBFUZZER)
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    target_sources(${name} PRIVATE ${CMAKE_SOURCE_DIR}/fuzz/standalone_main.cc)
  endif()
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_BINARY_DIR}/gen
                                             ${CMAKE_SOURCE_DIR}/fuzz)
  target_link_libraries(${name} PRIVATE fluss_native_core nlohmann_json::nlohmann_json)
  target_compile_definitions(${name} PRIVATE FN_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
endforeach()
