// A host program: it sees only include/ and libfluss_native.so. Every call
// below must resolve against the shared library's exports (a link failure is
// this test failing), and none may throw or crash.
#include <cstdio>
#include <cstring>
#include <string>

#include "fluss_native/client.h"

namespace {

int failures = 0;

void Expect(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    ++failures;
  }
}

}  // namespace

int main() {
  using namespace fluss_native;

  Expect(std::strcmp(StatusCodeName(StatusCode::kNotFound), "NotFound") == 0, "StatusCodeName(kNotFound)");
  Status st = Status::NotFound("table 'db.t' does not exist");
  Expect(st.ToString() == "NotFound: table 'db.t' does not exist", "Status::ToString: " + st.ToString());
  Status ctx = st.WithContext("scan");
  Expect(ctx.code() == StatusCode::kNotFound && ctx.message() == "scan: table 'db.t' does not exist",
         "Status::WithContext: " + ctx.ToString());

  Result<DataType> type = ParseDataTypeJson(R"({"type":"DECIMAL","precision":18,"scale":4,"nullable":false})");
  Expect(type.ok(), "ParseDataTypeJson: " + type.status().ToString());
  Expect(type.ok() && type->ToFlussString() == "DECIMAL(18, 4) NOT NULL", "DataType::ToFlussString");
  Result<DataType> bad_type = ParseDataTypeJson("{");
  Expect(!bad_type.ok(), "ParseDataTypeJson refuses bad JSON");

  Result<TablePath> path = TablePath::Parse("`my.db`.orders");
  Expect(path.ok() && path->database == "my.db" && path->table == "orders", "TablePath::Parse");

  Result<std::chrono::milliseconds> d = ParseDuration("250ms");
  Expect(d.ok() && d->count() == 250, "ParseDuration");

  Result<ClientConfig> from_props = ClientConfig::FromProperties(
      {{"bootstrap.servers", "127.0.0.1:1"}, {"client.connect-timeout", "1s"}, {"client.retries", "0"}});
  Expect(from_props.ok(), "ClientConfig::FromProperties: " + from_props.status().ToString());

  // No bootstrap server: a clean InvalidArgument.
  ClientConfig empty;
  Result<std::unique_ptr<Client>> none = Client::Open(empty);
  Expect(!none.ok() && none.status().code() == StatusCode::kInvalidArgument,
         "Client::Open without servers: " + none.status().ToString());

  // An address nobody listens on: a clean Network or Timeout error naming it.
  ClientConfig config = from_props.ok() ? *from_props : ClientConfig{};
  config.request_timeout = std::chrono::milliseconds(2000);
  config.retry_backoff = std::chrono::milliseconds(10);
  Result<std::unique_ptr<Client>> client = Client::Open(config);
  Expect(!client.ok(), "Client::Open against 127.0.0.1:1 must fail");
  Expect(client.status().code() == StatusCode::kNetwork || client.status().code() == StatusCode::kTimeout,
         "Client::Open error code: " + client.status().ToString());
  Expect(client.status().message().find("127.0.0.1:1") != std::string::npos,
         "Client::Open error names the server: " + client.status().ToString());
  Expect(client.value() == nullptr, "value() of a failed Open is a null client, not a throw");

  if (failures == 0) std::printf("abi host test passed\n");
  return failures == 0 ? 0 : 1;
}
