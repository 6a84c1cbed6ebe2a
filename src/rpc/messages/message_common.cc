#include "rpc/messages/message_common.h"

#include "rpc/errors.h"

namespace fluss_native::rpc::messages {

Status MalformedResponse(ApiKey key, const std::string& what) {
  return Status::Corruption(std::string("malformed ") + ApiKeyName(key) + " response: " + what);
}

Status BucketStatus(std::optional<int32_t> error_code, const std::string& error_message) {
  if (!error_code || *error_code == error_code::kNone) return Status::OK();
  return FromServerError(*error_code, error_message);
}

}  // namespace fluss_native::rpc::messages
