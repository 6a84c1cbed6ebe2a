#include "format/parquet/assemble.h"

#include <cstring>
#include <limits>
#include <string>

namespace fluss_native::parquet {
namespace {

struct Levels {
  const int16_t* def = nullptr;  // null: all 0
  const int16_t* rep = nullptr;
  int64_t n = 0;
  int16_t D(int64_t i) const { return def ? def[i] : 0; }
  int16_t R(int64_t i) const { return rep ? rep[i] : 0; }
};

Levels LevelsOf(const LeafBatch& b) {
  Levels l;
  l.def = b.def.empty() ? nullptr : b.def.data();
  l.rep = b.rep.empty() ? nullptr : b.rep.data();
  l.n = b.num_entries;
  return l;
}

class BitmapBuilder {
 public:
  explicit BitmapBuilder(Buffer* out, int64_t capacity) : out_(out) { out_->ResizeZeroed((capacity + 7) / 8); }
  void Append(bool valid) {
    if (valid) out_->data()[len_ >> 3] |= static_cast<uint8_t>(1u << (len_ & 7));
    else ++nulls_;
    ++len_;
  }
  int64_t nulls() const { return nulls_; }

 private:
  Buffer* out_;
  int64_t len_ = 0;
  int64_t nulls_ = 0;
};

// Spreads dense values over the slots, zeroing null slots. W is the value
// width when known at compile time (0: use w).
template <int W>
void Scatter(const Levels& lv, int16_t ctx_def, int16_t max_def, int w, const uint8_t* src, uint8_t* out) {
  const size_t width = W > 0 ? W : static_cast<size_t>(w);
  int64_t k = 0, vi = 0;
  for (int64_t i = 0; i < lv.n; ++i) {
    const int16_t d = lv.def[i];
    if (d < ctx_def) continue;
    if (d == max_def) {
      std::memcpy(out + k * width, src + vi * width, width);
      ++vi;
    } else {
      std::memset(out + k * width, 0, width);
    }
    ++k;
  }
}

class Assembler {
 public:
  Assembler(const std::vector<LeafColumn>& schema_leaves, std::vector<LeafBatch*>& leaves)
      : schema_leaves_(schema_leaves), leaves_(leaves) {}

  Result<std::unique_ptr<ArrayData>> Build(const SchemaNode& node, int16_t ctx_rep, int16_t ctx_def,
                                           int64_t expected) {
    std::unique_ptr<ArrayData> out;
    switch (node.kind) {
      case SchemaNode::Kind::kLeaf: { FN_ASSIGN_OR_RETURN(out, Leaf(node, ctx_def)); break; }
      case SchemaNode::Kind::kStruct: { FN_ASSIGN_OR_RETURN(out, Struct(node, ctx_rep, ctx_def)); break; }
      case SchemaNode::Kind::kList:
      case SchemaNode::Kind::kMap: { FN_ASSIGN_OR_RETURN(out, List(node, ctx_rep, ctx_def)); break; }
    }
    if (out->length != expected) {
      return Status::Corruption("levels of '" + node.name + "' give " + std::to_string(out->length) +
                                " values where " + std::to_string(expected) + " are expected");
    }
    return out;
  }

 private:
  Result<LeafBatch*> BatchFor(int leaf) {
    if (leaf < 0 || static_cast<size_t>(leaf) >= leaves_.size() || leaves_[leaf] == nullptr) {
      return Status::Internal("leaf column not read");
    }
    return leaves_[leaf];
  }

  Result<std::unique_ptr<ArrayData>> Leaf(const SchemaNode& node, int16_t ctx_def) {
    FN_ASSIGN_OR_RETURN(LeafBatch * b, BatchFor(node.leaf));
    const LeafColumn& leaf = schema_leaves_[node.leaf];
    const Levels lv = LevelsOf(*b);
    Values& v = b->values;
    auto out = std::make_unique<ArrayData>();
    out->buffers.resize(v.width == 0 ? 3 : 2);
    const bool is_bool = leaf.physical == PhysicalType::kBoolean;
    // Slots and their validity.
    int64_t slots = 0;
    if (lv.def == nullptr || ctx_def == 0) {
      slots = lv.n;  // every entry is a slot
    } else {
      for (int64_t i = 0; i < lv.n; ++i) slots += lv.def[i] >= ctx_def;
    }
    out->length = slots;
    const bool dense = slots == v.count;  // no nulls: values are the slots
    if (!dense) {
      BitmapBuilder bitmap(&out->buffers[0], slots);
      for (int64_t i = 0; i < lv.n; ++i) {
        int16_t d = lv.def[i];
        if (d >= ctx_def) bitmap.Append(d == leaf.max_def);
      }
      out->null_count = bitmap.nulls();
      if (slots - out->null_count != v.count) {
        return Status::Corruption("column '" + leaf.path + "': levels and values disagree");
      }
    }
    if (v.width == 0) {
      if (dense) {
        out->buffers[1] = std::move(v.offsets);
      } else {
        const int32_t* src = v.offsets.as<int32_t>();
        Buffer& offs = out->buffers[1];
        offs.Resize((slots + 1) * sizeof(int32_t));
        int32_t* o = offs.as<int32_t>();
        int64_t k = 0, vi = 0;
        o[0] = 0;
        for (int64_t i = 0; i < lv.n; ++i) {
          int16_t d = lv.def[i];
          if (d < ctx_def) continue;
          if (d == leaf.max_def) ++vi;
          o[++k] = src[vi];
        }
      }
      out->buffers[2] = std::move(v.data);
    } else if (is_bool) {
      Buffer& bits = out->buffers[1];
      bits.ResizeZeroed((slots + 7) / 8);
      uint8_t* o = bits.data();
      const uint8_t* src = v.data.data();
      int64_t k = 0, vi = 0;
      for (int64_t i = 0; i < lv.n; ++i) {
        int16_t d = lv.D(i);
        if (d < ctx_def) continue;
        if (d == leaf.max_def && src[vi++]) o[k >> 3] |= static_cast<uint8_t>(1u << (k & 7));
        ++k;
      }
    } else if (dense) {
      out->buffers[1] = std::move(v.data);
    } else {
      const int w = v.width;
      Buffer& data = out->buffers[1];
      data.Resize(static_cast<size_t>(slots) * w);
      const uint8_t* src = v.data.data();
      switch (w) {
        case 1: Scatter<1>(lv, ctx_def, leaf.max_def, w, src, data.data()); break;
        case 2: Scatter<2>(lv, ctx_def, leaf.max_def, w, src, data.data()); break;
        case 4: Scatter<4>(lv, ctx_def, leaf.max_def, w, src, data.data()); break;
        case 8: Scatter<8>(lv, ctx_def, leaf.max_def, w, src, data.data()); break;
        case 16: Scatter<16>(lv, ctx_def, leaf.max_def, w, src, data.data()); break;
        default: Scatter<0>(lv, ctx_def, leaf.max_def, w, src, data.data()); break;
      }
    }
    return out;
  }

  Result<std::unique_ptr<ArrayData>> Struct(const SchemaNode& node, int16_t ctx_rep, int16_t ctx_def) {
    FN_ASSIGN_OR_RETURN(LeafBatch * b, BatchFor(node.first_leaf));
    const Levels lv = LevelsOf(*b);
    auto out = std::make_unique<ArrayData>();
    out->buffers.resize(1);
    int64_t slots = 0;
    for (int64_t i = 0; i < lv.n; ++i) slots += lv.R(i) <= ctx_rep && lv.D(i) >= ctx_def;
    out->length = slots;
    if (node.nullable) {
      BitmapBuilder bitmap(&out->buffers[0], slots);
      for (int64_t i = 0; i < lv.n; ++i) {
        if (lv.R(i) <= ctx_rep && lv.D(i) >= ctx_def) bitmap.Append(lv.D(i) >= node.def_level);
      }
      out->null_count = bitmap.nulls();
      if (out->null_count == 0) out->buffers[0] = Buffer();
    }
    for (const SchemaNode& child : node.children) {
      FN_ASSIGN_OR_RETURN(auto c, Build(child, ctx_rep, ctx_def, slots));
      out->children.push_back(std::move(c));
    }
    return out;
  }

  Result<std::unique_ptr<ArrayData>> List(const SchemaNode& node, int16_t ctx_rep, int16_t ctx_def) {
    FN_ASSIGN_OR_RETURN(LeafBatch * b, BatchFor(node.first_leaf));
    const Levels lv = LevelsOf(*b);
    auto out = std::make_unique<ArrayData>();
    out->buffers.resize(2);
    Buffer validity;
    Buffer& offsets = out->buffers[1];
    offsets.Reserve(64);
    std::vector<bool> valid;
    int64_t elements = 0;
    bool open = false;
    auto close = [&] {
      if (!open) return;
      int32_t e = static_cast<int32_t>(elements);
      offsets.Append(&e, sizeof e);
      open = false;
    };
    int32_t zero = 0;
    offsets.Append(&zero, sizeof zero);
    for (int64_t i = 0; i < lv.n; ++i) {
      const int16_t r = lv.R(i), d = lv.D(i);
      if (r <= ctx_rep) {
        close();
        if (d < ctx_def) continue;  // an enclosing null or empty list
        open = true;
        valid.push_back(d >= node.def_level);
        if (d >= node.elem_def_level) ++elements;
      } else {
        if (!open) return Status::Corruption("repetition level continues a list that was never started");
        if (r <= node.rep_level && d >= node.elem_def_level) ++elements;
      }
      if (elements > std::numeric_limits<int32_t>::max()) {
        return Status::Unsupported("more than 2^31 list elements in one batch; use a smaller batch size");
      }
    }
    close();
    out->length = static_cast<int64_t>(valid.size());
    BitmapBuilder bitmap(&out->buffers[0], out->length);
    for (bool v : valid) bitmap.Append(v);
    out->null_count = bitmap.nulls();
    if (out->null_count == 0) out->buffers[0] = Buffer();
    FN_ASSIGN_OR_RETURN(auto child, Build(node.children[0], node.rep_level, node.elem_def_level, elements));
    out->children.push_back(std::move(child));
    return out;
  }

  const std::vector<LeafColumn>& schema_leaves_;
  std::vector<LeafBatch*>& leaves_;
};

}  // namespace

Result<std::unique_ptr<ArrayData>> AssembleColumn(const SchemaNode& node, const std::vector<LeafColumn>& schema_leaves,
                                                  std::vector<LeafBatch*>& leaves, int64_t num_rows) {
  Assembler a(schema_leaves, leaves);
  return a.Build(node, 0, 0, num_rows);
}

}  // namespace fluss_native::parquet
