#include "rpc/messages/handshake.h"

#include "rpc/errors.h"
#include "rpc/messages/proto_codec.h"

namespace fluss_native::rpc::messages {

std::string ApiVersionsRequest::Encode() const {
  wire::ApiVersionsRequest req;
  req.set_client_software_name(client_software_name);
  req.set_client_software_version(client_software_version);
  return req.SerializeAsString();
}

Result<ApiVersionsResponse> ApiVersionsResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::ApiVersionsResponse>(body, ApiKey::kApiVersions));
  ApiVersionsResponse out;
  for (const auto& v : proto.api_versions()) {
    for (int32_t n : {v.api_key(), v.min_version(), v.max_version()}) {
      if (n < INT16_MIN || n > INT16_MAX) {
        return MalformedResponse(ApiKey::kApiVersions, "value " + std::to_string(n) + " of api key " +
                                                           std::to_string(v.api_key()) + " is not a 16-bit number");
      }
    }
    out.versions.push_back({static_cast<int16_t>(v.api_key()), static_cast<int16_t>(v.min_version()),
                            static_cast<int16_t>(v.max_version())});
  }
  return out;
}

std::string AuthenticateRequest::Encode() const {
  wire::AuthenticateRequest req;
  req.set_protocol(protocol);
  req.set_token(token);
  return req.SerializeAsString();
}

Result<AuthenticateResponse> AuthenticateResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::AuthenticateResponse>(body, ApiKey::kAuthenticate));
  AuthenticateResponse out;
  if (proto.has_challenge()) out.challenge = proto.challenge();
  return out;
}

Status ErrorResponse::ToStatus() const { return FromServerError(error_code, error_message); }

Result<ErrorResponse> ErrorResponse::Decode(std::string_view body) {
  // Partial parse, then the check: ParseFromArray would also log to stderr.
  wire::ErrorResponse proto;
  if (body.size() > static_cast<size_t>(INT_MAX) ||
      !proto.ParsePartialFromArray(body.data(), static_cast<int>(body.size())) || !proto.IsInitialized()) {
    return Status::Corruption("malformed error response (" + std::to_string(body.size()) + " bytes)");
  }
  return ErrorResponse{proto.error_code(), proto.error_message()};
}

}  // namespace fluss_native::rpc::messages
