// What every typed message shares: how a malformed body is reported, and the
// one place a per-bucket error code the server puts inside a response
// (FetchLog, ListOffsets) becomes a Status.
//
// Each API has a request struct with Encode() (the protobuf body to send) and
// a response struct with a static Decode(body) returning Result<Response>.
// They hold our own types; the generated protobuf classes stay inside
// src/rpc/messages/*.cc (proto_codec.h): no caller includes the generated header.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "fluss_native/status.h"
#include "rpc/api_keys.h"

namespace fluss_native::rpc::messages {

// A Corruption naming the API: "malformed <Api> response: <what>".
Status MalformedResponse(ApiKey key, const std::string& what);

// The Status of one bucket's answer: OK when the server set no code (or 0),
// else the code's mapped Status (rpc/errors.h) with the server's text.
Status BucketStatus(std::optional<int32_t> error_code, const std::string& error_message);

}  // namespace fluss_native::rpc::messages
