// The reusable export pieces (c_export.h) on their own: buffer ownership,
// release semantics, schemas from Fluss types.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "format/arrow/c_export.h"

namespace fluss_native::arrow {
namespace {

DataType Type(TypeRoot root) {
  DataType t;
  t.root = root;
  return t;
}

TEST(OwnedBuffer, AlignedZeroedAndBounded) {
  auto b = OwnedBuffer::Allocate(100);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ((*b)->size(), 100u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>((*b)->data()) % 64, 0u);
  for (size_t i = 0; i < 128; ++i) EXPECT_EQ((*b)->data()[i], 0) << i;  // padding too
  auto empty = OwnedBuffer::Allocate(0);
  ASSERT_TRUE(empty.ok());
  EXPECT_NE((*empty)->data(), nullptr);
  auto too_big = OwnedBuffer::Allocate(1000, 999);
  EXPECT_EQ(too_big.status().code(), StatusCode::kInvalidArgument);
}

TEST(ExportArray, ReleaseDropsKeepAliveOnlyWhenLastArrayGoes) {
  auto buffer = *OwnedBuffer::Allocate(16);
  std::weak_ptr<OwnedBuffer> watch = buffer;
  int32_t values[] = {1, 2, 3, 4};
  std::memcpy(buffer->data(), values, sizeof(values));

  ArrayNode child;
  child.length = 4;
  child.buffers = {nullptr, buffer->data()};
  child.keep_alive.push_back(buffer);
  ArrayNode root;
  root.length = 4;
  root.buffers = {nullptr};
  root.children.push_back(std::move(child));
  root.keep_alive.push_back(buffer);
  buffer.reset();

  ArrowArray array;
  ExportArray(std::move(root), &array);
  EXPECT_EQ(array.n_buffers, 1);
  ASSERT_EQ(array.n_children, 1);
  EXPECT_FALSE(watch.expired());

  // Move the child out, release the parent: the child still owns its data.
  ArrowArray moved = *array.children[0];
  array.children[0]->release = nullptr;
  array.release(&array);
  EXPECT_EQ(array.release, nullptr);
  EXPECT_FALSE(watch.expired());
  EXPECT_EQ(static_cast<const int32_t*>(moved.buffers[1])[3], 4);
  moved.release(&moved);
  EXPECT_TRUE(watch.expired());
}

TEST(ExportArray, UniqueArrowArrayReleasesOnce) {
  UniqueArrowArray a;
  EXPECT_FALSE(a.valid());
  ExportArray(MakeEmptyArrayNode(Type(TypeRoot::kString)), a.get());
  EXPECT_TRUE(a.valid());
  EXPECT_EQ(a->length, 0);
  ASSERT_EQ(a->n_buffers, 3);
  EXPECT_EQ(static_cast<const int32_t*>(a->buffers[1])[0], 0);  // readable offsets[0]
  UniqueArrowArray b = std::move(a);
  EXPECT_FALSE(a.valid());
  ArrowArray raw;
  b.MoveTo(&raw);
  EXPECT_FALSE(b.valid());
  raw.release(&raw);
}

TEST(ExportSchema, FlagsNamesAndFormats) {
  DataType map = Type(TypeRoot::kMap);
  DataType key = Type(TypeRoot::kString);
  key.nullable = false;
  map.children = {key, Type(TypeRoot::kBigInt)};
  UniqueArrowSchema s;
  ASSERT_TRUE(ExportSchema(map, "m", s.get()).ok());
  EXPECT_STREQ(s->format, "+m");
  EXPECT_STREQ(s->name, "m");
  EXPECT_EQ(s->flags, ARROW_FLAG_NULLABLE);
  EXPECT_STREQ(s->children[0]->children[1]->format, "l");

  DataType ts = Type(TypeRoot::kTimestampLtz);
  ts.precision = 9;
  UniqueArrowSchema t;
  ASSERT_TRUE(ExportSchema(ts, "ts", t.get()).ok());
  EXPECT_STREQ(t->format, "tsn:UTC");
}

TEST(ExportSchema, MalformedTypesAreRefused) {
  DataType list = Type(TypeRoot::kArray);  // no element type
  UniqueArrowSchema s;
  EXPECT_EQ(ExportSchema(list, "x", s.get()).code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(s.valid());
  DataType row = Type(TypeRoot::kRow);
  row.children = {Type(TypeRoot::kInt)};  // no field name
  EXPECT_EQ(ExportRowSchema(row, s.get()).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ExportRowSchema(Type(TypeRoot::kInt), s.get()).code(),
            StatusCode::kInvalidArgument);
  // A bad grandchild must not leak the already built parts (ASan checks).
  DataType outer = Type(TypeRoot::kRow);
  outer.children = {Type(TypeRoot::kInt), list};
  outer.field_names = {"a", "b"};
  outer.field_descriptions.resize(2);
  EXPECT_EQ(ExportRowSchema(outer, s.get()).code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(s.valid());
}

}  // namespace
}  // namespace fluss_native::arrow
