// Small builders of exported Arrow columns for unit tests: fixed-width,
// boolean, variable-length (utf8/binary) and fixed-size binary columns with
// NULLs, as our readers lay them out.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "format/arrow/c_export.h"

namespace fluss_native::testing_arrow {

using arrow::ArrayNode;

inline std::shared_ptr<std::vector<uint8_t>> Buffer(size_t bytes) {
  return std::make_shared<std::vector<uint8_t>>(bytes + 64, 0);
}

inline void SetValidity(ArrayNode* node, const std::vector<bool>& valid) {
  auto bits = Buffer(valid.size() / 8 + 1);
  int64_t nulls = 0;
  for (size_t i = 0; i < valid.size(); ++i) {
    if (valid[i]) (*bits)[i / 8] |= 1 << (i % 8); else ++nulls;
  }
  node->buffers[0] = bits->data();
  node->null_count = nulls;
  node->keep_alive.push_back(bits);
}

template <typename T>
ArrayNode Fixed(const std::vector<std::optional<T>>& values) {
  ArrayNode node;
  node.length = static_cast<int64_t>(values.size());
  auto data = Buffer(values.size() * sizeof(T));
  std::vector<bool> valid;
  for (size_t i = 0; i < values.size(); ++i) {
    T v = values[i].value_or(T{});
    std::memcpy(data->data() + i * sizeof(T), &v, sizeof(T));
    valid.push_back(values[i].has_value());
  }
  node.buffers = {nullptr, data->data()};
  node.keep_alive.push_back(data);
  SetValidity(&node, valid);
  return node;
}

inline ArrayNode Bools(const std::vector<std::optional<bool>>& values) {
  ArrayNode node;
  node.length = static_cast<int64_t>(values.size());
  auto data = Buffer(values.size() / 8 + 1);
  std::vector<bool> valid;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].value_or(false)) (*data)[i / 8] |= 1 << (i % 8);
    valid.push_back(values[i].has_value());
  }
  node.buffers = {nullptr, data->data()};
  node.keep_alive.push_back(data);
  SetValidity(&node, valid);
  return node;
}

inline ArrayNode Var(const std::vector<std::optional<std::string>>& values) {
  ArrayNode node;
  node.length = static_cast<int64_t>(values.size());
  auto offsets = Buffer((values.size() + 1) * 4);
  std::string all;
  std::vector<bool> valid;
  for (size_t i = 0; i < values.size(); ++i) {
    int32_t off = static_cast<int32_t>(all.size());
    std::memcpy(offsets->data() + i * 4, &off, 4);
    all += values[i].value_or("");
    valid.push_back(values[i].has_value());
  }
  int32_t end = static_cast<int32_t>(all.size());
  std::memcpy(offsets->data() + values.size() * 4, &end, 4);
  auto data = Buffer(all.size());
  std::memcpy(data->data(), all.data(), all.size());
  node.buffers = {nullptr, offsets->data(), data->data()};
  node.keep_alive.push_back(offsets);
  node.keep_alive.push_back(data);
  SetValidity(&node, valid);
  return node;
}

inline ArrayNode FixedBinary(const std::vector<std::optional<std::string>>& values, int width) {
  ArrayNode node;
  node.length = static_cast<int64_t>(values.size());
  auto data = Buffer(values.size() * width);
  std::vector<bool> valid;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i]) std::memcpy(data->data() + i * width, values[i]->data(), width);
    valid.push_back(values[i].has_value());
  }
  node.buffers = {nullptr, data->data()};
  node.keep_alive.push_back(data);
  SetValidity(&node, valid);
  return node;
}

}  // namespace fluss_native::testing_arrow
