#include "format/avro/avro_reader.h"

#include <algorithm>
#include <cstring>
#include <map>

#include <nlohmann/json.hpp>

#include "common/file_system.h"
#include "format/codec/deflate.h"
#include "format/codec/snappy.h"

namespace fluss_native::avro {
namespace {

using Type = AvroSchemaNode::Type;

constexpr char kMagic[4] = {'O', 'b', 'j', 1};
constexpr size_t kSyncSize = 16;
// Nested schemas and values deeper than this are refused rather than
// recursed into (Paimon's manifests nest three levels).
constexpr int kMaxDepth = 64;
// A block decompresses to at most this many bytes; Paimon's manifests are a
// few MiB at most (manifest.target-file-size defaults to 8 MiB).
constexpr size_t kMaxBlockBytes = size_t{512} << 20;
// Items of zero-byte types (null, empty records) carry no bytes to bound
// their count, so it is capped outright.
constexpr int64_t kMaxZeroSizeItems = int64_t{1} << 20;
// Zero-size items in nested arrays escape the per-array cap: a few bytes per
// inner array each claiming kMaxZeroSizeItems nulls would amplify a small
// block into billions of values. So a block as a whole may decode at most
// this many zero-size items across all its records.
constexpr int64_t kMaxZeroSizeItemsPerBlock = int64_t{1} << 20;
// Minimum sizes saturate here: a `fixed` of size near INT64_MAX, or a record
// of many such fields, must not overflow the sums that bound counts.
constexpr int64_t kMinSizeCap = int64_t{1} << 40;
// A `fixed` longer than this cannot be in a block (blocks are capped at
// kMaxBlockBytes), so a schema declaring one is refused.
constexpr int64_t kMaxFixedSize = static_cast<int64_t>(kMaxBlockBytes);
constexpr int64_t kMaxLocalFileBytes = int64_t{1} << 30;

// Reads Avro's binary encoding from a byte range, never past its end.
class Decoder {
 public:
  // `zero_size_budget` counts the zero-size items the enclosing block may
  // still decode (shared by the block's records); may be null for header data.
  Decoder(std::string_view bytes, const std::string& where, int64_t* zero_size_budget = nullptr)
      : bytes_(bytes), where_(where), zero_size_budget_(zero_size_budget) {}

  // Takes `n` zero-size items from the block's budget.
  Status SpendZeroSizeItems(int64_t n) {
    if (zero_size_budget_ == nullptr) return Status::OK();
    if (n > *zero_size_budget_) {
      return Fail("more than " + std::to_string(kMaxZeroSizeItemsPerBlock) +
                  " zero-size items in one block");
    }
    *zero_size_budget_ -= n;
    return Status::OK();
  }

  size_t pos() const { return pos_; }
  size_t remaining() const { return bytes_.size() - pos_; }

  Status Fail(const std::string& what) const {
    return Status::Corruption("Avro file '" + where_ + "': " + what + " at byte " + std::to_string(pos_));
  }

  Result<int64_t> Long() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) return Fail("truncated varint");
      uint8_t b = static_cast<uint8_t>(bytes_[pos_++]);
      if (shift == 63 && (b & 0x7e) != 0) return Fail("varint overflows 64 bits");
      v |= uint64_t{b & 0x7fu} << shift;
      if ((b & 0x80) == 0) return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
    }
    return Fail("varint longer than 10 bytes");
  }

  Result<int64_t> Int() {
    FN_ASSIGN_OR_RETURN(int64_t v, Long());
    if (v < INT32_MIN || v > INT32_MAX) return Fail("int out of 32-bit range");
    return v;
  }

  Result<std::string_view> Raw(int64_t n) {
    if (n < 0 || static_cast<uint64_t>(n) > remaining()) {
      return Fail("length " + std::to_string(n) + " exceeds the " + std::to_string(remaining()) + " bytes left");
    }
    std::string_view out = bytes_.substr(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return out;
  }

  Result<std::string_view> Bytes() {
    FN_ASSIGN_OR_RETURN(int64_t n, Long());
    return Raw(n);
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  const std::string& where_;
  int64_t* zero_size_budget_;
};

// Bounds a block or array count by the bytes left: each item takes at least
// `min_size` bytes.
Status CheckCount(const Decoder& d, int64_t count, int64_t min_size, const char* what) {
  if (count < 0) return d.Fail(std::string("negative ") + what + " count");
  if (min_size > 0) {
    if (count > static_cast<int64_t>(d.remaining()) / min_size) {
      return d.Fail(std::string(what) + " count " + std::to_string(count) + " exceeds the bytes left");
    }
  } else if (count > kMaxZeroSizeItems) {
    return d.Fail(std::string(what) + " count " + std::to_string(count) + " of zero-size items is too large");
  }
  return Status::OK();
}

// Reads one array/map block header; 0 ends the sequence.
Result<int64_t> BlockCount(Decoder& d, int64_t min_size, const char* what) {
  FN_ASSIGN_OR_RETURN(int64_t count, d.Long());
  if (count < 0) {
    if (count == INT64_MIN) return d.Fail(std::string("bad ") + what + " block count");
    count = -count;
    FN_ASSIGN_OR_RETURN(int64_t size, d.Long());  // byte size of the block, which we do not need
    if (size < 0) return d.Fail(std::string("negative ") + what + " block size");
  }
  FN_RETURN_IF_ERROR(CheckCount(d, count, min_size, what));
  return count;
}

Status DecodeValue(Decoder& d, const AvroSchemaNode& s, int depth, AvroValue* out) {
  if (depth > kMaxDepth) return d.Fail("value nests too deeply");
  *out = AvroValue();
  switch (s.type) {
    case Type::kNull: return Status::OK();
    case Type::kBoolean: {
      FN_ASSIGN_OR_RETURN(std::string_view b, d.Raw(1));
      if (b[0] != 0 && b[0] != 1) return d.Fail("boolean byte is neither 0 nor 1");
      out->kind = AvroValue::Kind::kBool;
      out->bool_value = b[0] == 1;
      return Status::OK();
    }
    case Type::kInt: {
      FN_ASSIGN_OR_RETURN(out->long_value, d.Int());
      out->kind = AvroValue::Kind::kLong;
      return Status::OK();
    }
    case Type::kLong: {
      FN_ASSIGN_OR_RETURN(out->long_value, d.Long());
      out->kind = AvroValue::Kind::kLong;
      return Status::OK();
    }
    case Type::kFloat: {
      FN_ASSIGN_OR_RETURN(std::string_view b, d.Raw(4));
      uint32_t bits = 0;
      for (int i = 3; i >= 0; --i) bits = (bits << 8) | static_cast<uint8_t>(b[i]);
      float f;
      std::memcpy(&f, &bits, 4);
      out->kind = AvroValue::Kind::kFloat;
      out->double_value = f;
      return Status::OK();
    }
    case Type::kDouble: {
      FN_ASSIGN_OR_RETURN(std::string_view b, d.Raw(8));
      uint64_t bits = 0;
      for (int i = 7; i >= 0; --i) bits = (bits << 8) | static_cast<uint8_t>(b[i]);
      std::memcpy(&out->double_value, &bits, 8);
      out->kind = AvroValue::Kind::kDouble;
      return Status::OK();
    }
    case Type::kBytes:
    case Type::kString: {
      FN_ASSIGN_OR_RETURN(std::string_view b, d.Bytes());
      out->kind = AvroValue::Kind::kBytes;
      out->bytes.assign(b);
      return Status::OK();
    }
    case Type::kFixed: {
      FN_ASSIGN_OR_RETURN(std::string_view b, d.Raw(s.fixed_size));
      out->kind = AvroValue::Kind::kBytes;
      out->bytes.assign(b);
      return Status::OK();
    }
    case Type::kEnum: {
      FN_ASSIGN_OR_RETURN(int64_t i, d.Int());
      if (i < 0 || i >= s.enum_symbols) return d.Fail("enum index " + std::to_string(i) + " out of range");
      out->kind = AvroValue::Kind::kLong;
      out->long_value = i;
      return Status::OK();
    }
    case Type::kUnion: {
      FN_ASSIGN_OR_RETURN(int64_t i, d.Long());
      if (i < 0 || i >= static_cast<int64_t>(s.children.size())) {
        return d.Fail("union branch " + std::to_string(i) + " out of range");
      }
      return DecodeValue(d, *s.children[static_cast<size_t>(i)], depth + 1, out);
    }
    case Type::kRecord: {
      out->kind = AvroValue::Kind::kRecord;
      out->record_schema = &s;
      out->items.resize(s.children.size());
      for (size_t i = 0; i < s.children.size(); ++i) {
        Status st = DecodeValue(d, *s.children[i], depth + 1, &out->items[i]);
        if (!st.ok()) return st.WithContext("field " + s.field_names[i]);
      }
      return Status::OK();
    }
    case Type::kArray:
    case Type::kMap: {
      const bool is_map = s.type == Type::kMap;
      out->kind = is_map ? AvroValue::Kind::kMap : AvroValue::Kind::kArray;
      const AvroSchemaNode& item = *s.children[0];
      const int64_t min_size = item.min_encoded_size + (is_map ? 1 : 0);
      int64_t total = 0;
      while (true) {
        FN_ASSIGN_OR_RETURN(int64_t count, BlockCount(d, min_size, is_map ? "map" : "array"));
        if (count == 0) break;
        total += count;
        if (min_size == 0) {
          if (total > kMaxZeroSizeItems) return d.Fail("too many zero-size items");
          FN_RETURN_IF_ERROR(d.SpendZeroSizeItems(count));
        }
        for (int64_t i = 0; i < count; ++i) {
          if (is_map) {
            FN_ASSIGN_OR_RETURN(std::string_view key, d.Bytes());
            out->map_keys.emplace_back(key);
          }
          out->items.emplace_back();
          FN_RETURN_IF_ERROR(DecodeValue(d, item, depth + 1, &out->items.back()));
        }
      }
      return Status::OK();
    }
  }
  return d.Fail("unknown schema node");
}

Status UnSnappy(std::string_view in, std::string* out) {
  // Avro's snappy codec appends the big-endian CRC-32 of the uncompressed bytes.
  if (in.size() < 4) return Status::Corruption("snappy block shorter than its checksum");
  const auto* data = reinterpret_cast<const uint8_t*>(in.data());
  const size_t data_size = in.size() - 4;
  FN_ASSIGN_OR_RETURN(size_t len, codec::SnappyDecodedLength(data, data_size));
  if (len > kMaxBlockBytes) {
    return Status::Corruption("snappy block announces " + std::to_string(len) + " bytes, above the limit of " +
                              std::to_string(kMaxBlockBytes));
  }
  out->resize(len);
  FN_RETURN_IF_ERROR(codec::SnappyDecodeExact(data, data_size, reinterpret_cast<uint8_t*>(out->data()), len));
  uint32_t want = 0;
  for (size_t i = data_size; i < in.size(); ++i) want = (want << 8) | static_cast<uint8_t>(in[i]);
  if (codec::Crc32(reinterpret_cast<const uint8_t*>(out->data()), len) != want) {
    return Status::Corruption("snappy block checksum mismatch");
  }
  return Status::OK();
}

}  // namespace

// ---- schema ----

class AvroSchemaParser {
 public:
  AvroSchemaParser(AvroSchema* schema, const std::string& context) : schema_(schema), context_(context) {}

  Result<const AvroSchemaNode*> Parse(const nlohmann::json& j, const std::string& ns, int depth) {
    if (depth > kMaxDepth) return Fail("schema nests too deeply");
    if (j.is_string()) return Named(j.get<std::string>(), ns);
    if (j.is_array()) {
      AvroSchemaNode* n = New(Type::kUnion);
      if (j.empty()) return Fail("empty union");
      for (const auto& b : j) {
        FN_ASSIGN_OR_RETURN(const AvroSchemaNode* c, Parse(b, ns, depth + 1));
        n->children.push_back(c);
      }
      return n;
    }
    if (!j.is_object()) return Fail("schema is neither a name, an object nor a union");
    auto t = j.find("type");
    if (t == j.end()) return Fail("schema object without \"type\"");
    if (!t->is_string()) return Parse(*t, ns, depth + 1);  // {"type": {...}} or {"type": [...]}
    const std::string type = t->get<std::string>();
    if (type == "record" || type == "error" || type == "enum" || type == "fixed") {
      auto name_it = j.find("name");
      if (name_it == j.end() || !name_it->is_string()) return Fail(type + " without a name");
      std::string name = name_it->get<std::string>();
      std::string this_ns = ns;
      if (auto n = j.find("namespace"); n != j.end() && n->is_string()) this_ns = n->get<std::string>();
      if (name.find('.') == std::string::npos && !this_ns.empty()) name = this_ns + "." + name;
      else if (auto dot = name.rfind('.'); dot != std::string::npos) this_ns = name.substr(0, dot);
      AvroSchemaNode* n = New(type == "enum" ? Type::kEnum : type == "fixed" ? Type::kFixed : Type::kRecord);
      n->name = name;
      named_[name] = n;  // before the fields: a record may refer to itself
      if (n->type == Type::kEnum) {
        auto sym = j.find("symbols");
        if (sym == j.end() || !sym->is_array()) return Fail("enum " + name + " without symbols");
        n->enum_symbols = static_cast<int64_t>(sym->size());
      } else if (n->type == Type::kFixed) {
        auto size = j.find("size");
        if (size == j.end() || !size->is_number_integer() || size->get<int64_t>() < 0) {
          return Fail("fixed " + name + " without a valid size");
        }
        // Above INT64_MAX nlohmann stores an unsigned value that get<int64_t>
        // would wrap; such sizes, and any no block could hold, are refused.
        if (size->is_number_unsigned() && size->get<uint64_t>() > static_cast<uint64_t>(kMaxFixedSize)) {
          return Fail("fixed " + name + " size " + size->dump() + " exceeds the block limit");
        }
        if (size->get<int64_t>() > kMaxFixedSize) {
          return Fail("fixed " + name + " size " + size->dump() + " exceeds the block limit");
        }
        n->fixed_size = size->get<int64_t>();
      } else {
        auto fields = j.find("fields");
        if (fields == j.end() || !fields->is_array()) return Fail("record " + name + " without fields");
        for (const auto& f : *fields) {
          if (!f.is_object()) return Fail("record " + name + " has a field that is not an object");
          auto fname = f.find("name");
          auto ftype = f.find("type");
          if (fname == f.end() || !fname->is_string() || ftype == f.end()) {
            return Fail("record " + name + " has a field without name or type");
          }
          FN_ASSIGN_OR_RETURN(const AvroSchemaNode* c, Parse(*ftype, this_ns, depth + 1));
          n->field_names.push_back(fname->get<std::string>());
          n->children.push_back(c);
        }
      }
      return n;
    }
    if (type == "array" || type == "map") {
      auto it = j.find(type == "array" ? "items" : "values");
      if (it == j.end()) return Fail(type + " without its item type");
      AvroSchemaNode* n = New(type == "array" ? Type::kArray : Type::kMap);
      FN_ASSIGN_OR_RETURN(const AvroSchemaNode* c, Parse(*it, ns, depth + 1));
      n->children.push_back(c);
      return n;
    }
    // A primitive with attributes, e.g. {"type": "long", "logicalType": "timestamp-millis"}.
    return Named(type, ns);
  }

  void ComputeMinSizes() {
    for (auto& n : schema_->nodes_) MinSize(n.get(), 0);
  }

 private:
  Status Fail(const std::string& what) const {
    return Status::Corruption("Avro file '" + context_ + "': schema: " + what);
  }

  AvroSchemaNode* New(Type t) {
    schema_->nodes_.push_back(std::make_unique<AvroSchemaNode>());
    schema_->nodes_.back()->type = t;
    return schema_->nodes_.back().get();
  }

  Result<const AvroSchemaNode*> Named(const std::string& name, const std::string& ns) {
    static const std::map<std::string, Type> kPrimitives = {
        {"null", Type::kNull},   {"boolean", Type::kBoolean}, {"int", Type::kInt},
        {"long", Type::kLong},   {"float", Type::kFloat},     {"double", Type::kDouble},
        {"bytes", Type::kBytes}, {"string", Type::kString}};
    if (auto p = kPrimitives.find(name); p != kPrimitives.end()) return New(p->second);
    if (auto it = named_.find(name); it != named_.end()) return it->second;
    if (!ns.empty()) {
      if (auto it = named_.find(ns + "." + name); it != named_.end()) return it->second;
    }
    return Fail("unknown type '" + name + "'");
  }

  // Depth-limited so self-referencing records terminate (they count as 0).
  int64_t MinSize(AvroSchemaNode* n, int depth) {
    if (depth > 8) return 0;
    int64_t size = 0;
    switch (n->type) {
      case Type::kNull: size = 0; break;
      case Type::kFloat: size = 4; break;
      case Type::kDouble: size = 8; break;
      case Type::kFixed: size = std::min(n->fixed_size, kMinSizeCap); break;
      case Type::kRecord:
        // Each term is at most kMinSizeCap, so the sum cannot overflow
        // before it is clamped again.
        for (const AvroSchemaNode* c : n->children) {
          size = std::min(size + MinSize(const_cast<AvroSchemaNode*>(c), depth + 1), kMinSizeCap);
        }
        break;
      default: size = 1; break;  // one varint byte at least
    }
    if (depth == 0 || size > n->min_encoded_size) n->min_encoded_size = size;
    return size;
  }

  AvroSchema* schema_;
  const std::string& context_;
  std::map<std::string, AvroSchemaNode*> named_;
};

Result<std::shared_ptr<const AvroSchema>> AvroSchema::Parse(std::string_view json, const std::string& context) {
  nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Corruption("Avro file '" + context + "': schema is not valid JSON");
  auto schema = std::make_shared<AvroSchema>();
  AvroSchemaParser parser(schema.get(), context);
  FN_ASSIGN_OR_RETURN(schema->root_, parser.Parse(j, "", 0));
  parser.ComputeMinSizes();
  return std::shared_ptr<const AvroSchema>(std::move(schema));
}

// ---- values ----

const AvroValue* AvroValue::Field(std::string_view name) const {
  if (kind != Kind::kRecord || record_schema == nullptr) return nullptr;
  for (size_t i = 0; i < record_schema->field_names.size() && i < items.size(); ++i) {
    if (record_schema->field_names[i] == name) return &items[i];
  }
  return nullptr;
}

const char* AvroValueKindName(AvroValue::Kind kind) {
  switch (kind) {
    case AvroValue::Kind::kNull: return "null";
    case AvroValue::Kind::kBool: return "boolean";
    case AvroValue::Kind::kLong: return "integer";
    case AvroValue::Kind::kFloat: return "float";
    case AvroValue::Kind::kDouble: return "double";
    case AvroValue::Kind::kBytes: return "bytes";
    case AvroValue::Kind::kRecord: return "record";
    case AvroValue::Kind::kArray: return "array";
    case AvroValue::Kind::kMap: return "map";
  }
  return "unknown";
}

// ---- container file ----

Result<AvroFileReader> AvroFileReader::Open(const std::string& path) {
  FN_ASSIGN_OR_RETURN(auto bytes, ReadWholeFile(path, kMaxLocalFileBytes));
  return FromBytes(path, std::move(bytes));
}

Result<AvroFileReader> AvroFileReader::FromBytes(std::string name, std::string bytes) {
  AvroFileReader r;
  r.name_ = std::move(name);
  r.file_ = std::move(bytes);
  FN_RETURN_IF_ERROR(r.Init());
  return r;
}

Status AvroFileReader::Init() {
  if (file_.size() < sizeof(kMagic) || std::memcmp(file_.data(), kMagic, sizeof(kMagic)) != 0) {
    return Status::Corruption("Avro file '" + name_ + "': no Avro object container magic");
  }
  Decoder d(std::string_view(file_).substr(sizeof(kMagic)), name_);
  std::string schema_json;
  bool have_schema = false;
  while (true) {
    FN_ASSIGN_OR_RETURN(int64_t count, BlockCount(d, 2, "metadata"));
    if (count == 0) break;
    for (int64_t i = 0; i < count; ++i) {
      FN_ASSIGN_OR_RETURN(std::string_view key, d.Bytes());
      FN_ASSIGN_OR_RETURN(std::string_view value, d.Bytes());
      if (key == "avro.schema") {
        schema_json.assign(value);
        have_schema = true;
      } else if (key == "avro.codec") {
        codec_.assign(value);
      }
    }
  }
  FN_ASSIGN_OR_RETURN(std::string_view sync, d.Raw(kSyncSize));
  sync_.assign(sync);
  if (!have_schema) return Status::Corruption("Avro file '" + name_ + "': header has no avro.schema");
  if (codec_ != "null" && codec_ != "deflate" && codec_ != "snappy" && codec_ != "zstandard") {
    return Status::Unsupported("Avro file '" + name_ + "': codec '" + codec_ + "' is not supported");
  }
  FN_ASSIGN_OR_RETURN(schema_, AvroSchema::Parse(schema_json, name_));
  file_pos_ = sizeof(kMagic) + d.pos();
  return Status::OK();
}

Status AvroFileReader::LoadBlock() {
  Decoder d(std::string_view(file_).substr(file_pos_), name_);
  FN_ASSIGN_OR_RETURN(int64_t count, d.Long());
  FN_ASSIGN_OR_RETURN(std::string_view data, d.Bytes());
  FN_ASSIGN_OR_RETURN(std::string_view sync, d.Raw(kSyncSize));
  if (count < 0) return d.Fail("negative record count in block " + std::to_string(block_index_));
  if (sync != sync_) return d.Fail("sync marker mismatch after block " + std::to_string(block_index_));
  Status st;
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  block_.clear();
  if (codec_ == "null") {
    block_.assign(data);
  } else if (codec_ == "deflate") {
    st = codec::InflateBounded(codec::DeflateWrapper::kRaw, bytes, data.size(), kMaxBlockBytes, &block_);
  } else if (codec_ == "snappy") {
    st = UnSnappy(data, &block_);
  } else {
    st = zstd_.DecodeBounded(bytes, data.size(), kMaxBlockBytes, &block_);
  }
  if (!st.ok()) {
    return st.WithContext("Avro file '" + name_ + "': " + codec_ + " block " + std::to_string(block_index_));
  }
  Decoder bd(block_, name_);
  FN_RETURN_IF_ERROR(CheckCount(bd, count, schema_->root().min_encoded_size, "record"));
  file_pos_ += d.pos();
  block_pos_ = 0;
  block_remaining_ = count;
  zero_size_budget_ = kMaxZeroSizeItemsPerBlock;
  ++block_index_;
  return Status::OK();
}

Result<bool> AvroFileReader::Next(AvroValue* out) {
  while (block_remaining_ == 0) {
    if (block_pos_ != block_.size()) {
      return Status::Corruption("Avro file '" + name_ + "': " + std::to_string(block_.size() - block_pos_) +
                                " bytes left over after the records of block " + std::to_string(block_index_ - 1));
    }
    if (file_pos_ == file_.size()) return false;
    FN_RETURN_IF_ERROR(LoadBlock());
  }
  Decoder d(std::string_view(block_).substr(block_pos_), name_, &zero_size_budget_);
  Status st = DecodeValue(d, schema_->root(), 0, out);
  if (!st.ok()) return st.WithContext("record " + std::to_string(record_index_));
  block_pos_ += d.pos();
  --block_remaining_;
  ++record_index_;
  return true;
}

Result<std::vector<AvroValue>> AvroFileReader::ReadAll() {
  std::vector<AvroValue> out;
  while (true) {
    AvroValue v;
    FN_ASSIGN_OR_RETURN(bool more, Next(&v));
    if (!more) break;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace fluss_native::avro
