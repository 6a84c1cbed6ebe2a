set(FN_GEN_DIR ${PROJECT_BINARY_DIR}/gen/fluss_native/wire)
file(MAKE_DIRECTORY ${FN_GEN_DIR})
add_custom_command(
  OUTPUT ${FN_GEN_DIR}/fluss_api.pb.cc ${FN_GEN_DIR}/fluss_api.pb.h
  COMMAND protobuf::protoc --cpp_out=${FN_GEN_DIR} -I ${PROJECT_SOURCE_DIR}/proto
          ${PROJECT_SOURCE_DIR}/proto/fluss_api.proto
  DEPENDS ${PROJECT_SOURCE_DIR}/proto/fluss_api.proto
  COMMENT "protoc fluss_api.proto")
target_sources(fluss_native_core PRIVATE ${FN_GEN_DIR}/fluss_api.pb.cc ${FN_GEN_DIR}/fluss_api.pb.h)
