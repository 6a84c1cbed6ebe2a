// The subset of the Parquet footer and page-header structures that
// fluss-native reads. Field ids and enum values are fixed by the Parquet
// format specification; names are ours. Fields we never look at are left
// out on purpose: the Thrift compact protocol skips unknown field ids, so a
// newer writer's additions (geospatial stats, bloom filters, crypto) are
// ignored rather than rejected.
//
// Enum-valued fields are declared i32 (the same wire type): a file can hold
// any number there, and a C++ enum holding an undeclared value is undefined
// behaviour. The enums below name the values for comparisons.
namespace cpp fluss_native.parquet.format

enum Type {
  BOOLEAN = 0; INT32 = 1; INT64 = 2; INT96 = 3; FLOAT = 4; DOUBLE = 5;
  BYTE_ARRAY = 6; FIXED_LEN_BYTE_ARRAY = 7;
}

enum ConvertedType {
  UTF8 = 0; MAP = 1; MAP_KEY_VALUE = 2; LIST = 3; ENUM = 4; DECIMAL = 5;
  DATE = 6; TIME_MILLIS = 7; TIME_MICROS = 8; TIMESTAMP_MILLIS = 9;
  TIMESTAMP_MICROS = 10; UINT_8 = 11; UINT_16 = 12; UINT_32 = 13;
  UINT_64 = 14; INT_8 = 15; INT_16 = 16; INT_32 = 17; INT_64 = 18;
  JSON = 19; BSON = 20; INTERVAL = 21;
}

enum FieldRepetitionType { REQUIRED = 0; OPTIONAL = 1; REPEATED = 2; }

enum Encoding {
  PLAIN = 0; PLAIN_DICTIONARY = 2; RLE = 3; BIT_PACKED = 4;
  DELTA_BINARY_PACKED = 5; DELTA_LENGTH_BYTE_ARRAY = 6; DELTA_BYTE_ARRAY = 7;
  RLE_DICTIONARY = 8; BYTE_STREAM_SPLIT = 9;
}

enum CompressionCodec {
  UNCOMPRESSED = 0; SNAPPY = 1; GZIP = 2; LZO = 3; BROTLI = 4; LZ4 = 5;
  ZSTD = 6; LZ4_RAW = 7;
}

enum PageType { DATA_PAGE = 0; INDEX_PAGE = 1; DICTIONARY_PAGE = 2; DATA_PAGE_V2 = 3; }

struct Statistics {
  1: optional binary max;        // legacy, signed-comparison only
  2: optional binary min;
  3: optional i64 null_count;
  4: optional i64 distinct_count;
  5: optional binary max_value;  // per the column order
  6: optional binary min_value;
}

struct Empty {}

struct DecimalType { 1: required i32 scale; 2: required i32 precision; }

union TimeUnit { 1: Empty MILLIS; 2: Empty MICROS; 3: Empty NANOS; }

struct TimestampType { 1: required bool isAdjustedToUTC; 2: required TimeUnit unit; }
struct TimeType { 1: required bool isAdjustedToUTC; 2: required TimeUnit unit; }
struct IntType { 1: required i8 bitWidth; 2: required bool isSigned; }

union LogicalType {
  1: Empty STRING; 2: Empty MAP; 3: Empty LIST; 4: Empty ENUM;
  5: DecimalType DECIMAL; 6: Empty DATE; 7: TimeType TIME;
  8: TimestampType TIMESTAMP; 10: IntType INTEGER; 11: Empty UNKNOWN;
  12: Empty JSON; 13: Empty BSON; 14: Empty UUID; 15: Empty FLOAT16;
}

struct SchemaElement {
  1: optional i32 type;  // Type
  2: optional i32 type_length;
  3: optional i32 repetition_type;  // FieldRepetitionType
  4: required string name;
  5: optional i32 num_children;
  6: optional i32 converted_type;  // ConvertedType
  7: optional i32 scale;
  8: optional i32 precision;
  9: optional i32 field_id;
  10: optional LogicalType logicalType;
}

struct DataPageHeader {
  1: required i32 num_values;
  2: required i32 encoding;  // Encoding
  3: required i32 definition_level_encoding;
  4: required i32 repetition_level_encoding;
}

struct DictionaryPageHeader {
  1: required i32 num_values;
  2: required i32 encoding;  // Encoding
}

struct DataPageHeaderV2 {
  1: required i32 num_values;
  2: required i32 num_nulls;
  3: required i32 num_rows;
  4: required i32 encoding;  // Encoding
  5: required i32 definition_levels_byte_length;
  6: required i32 repetition_levels_byte_length;
  7: optional bool is_compressed = true;
}

struct PageHeader {
  1: required i32 type;  // PageType
  2: required i32 uncompressed_page_size;
  3: required i32 compressed_page_size;
  4: optional i32 crc;
  5: optional DataPageHeader data_page_header;
  7: optional DictionaryPageHeader dictionary_page_header;
  8: optional DataPageHeaderV2 data_page_header_v2;
}

struct KeyValue { 1: required string key; 2: optional string value; }

struct PageEncodingStats {
  1: required i32 page_type;  // PageType
  2: required i32 encoding;   // Encoding
  3: required i32 count;
}

struct ColumnMetaData {
  1: required i32 type;  // Type
  2: required list<i32> encodings;
  3: required list<string> path_in_schema;
  4: required i32 codec;  // CompressionCodec
  5: required i64 num_values;
  6: required i64 total_uncompressed_size;
  7: required i64 total_compressed_size;
  9: required i64 data_page_offset;
  10: optional i64 index_page_offset;
  11: optional i64 dictionary_page_offset;
  12: optional Statistics statistics;
  13: optional list<PageEncodingStats> encoding_stats;
}

struct ColumnChunk {
  1: optional string file_path;
  2: required i64 file_offset = 0;
  3: optional ColumnMetaData meta_data;
  4: optional i64 offset_index_offset;
  5: optional i32 offset_index_length;
  6: optional i64 column_index_offset;
  7: optional i32 column_index_length;
  9: optional binary encrypted_column_metadata;
}

// The page index (written between the row groups and the footer).
struct PageLocation {
  1: required i64 offset;
  2: required i32 compressed_page_size;
  3: required i64 first_row_index;
}

struct OffsetIndex {
  1: required list<PageLocation> page_locations;
  2: optional list<i64> unencoded_byte_array_data_bytes;
}

enum BoundaryOrder { UNORDERED = 0, ASCENDING = 1, DESCENDING = 2 }

struct ColumnIndex {
  1: required list<bool> null_pages;
  2: required list<binary> min_values;
  3: required list<binary> max_values;
  4: required BoundaryOrder boundary_order;
  5: optional list<i64> null_counts;
}

struct RowGroup {
  1: required list<ColumnChunk> columns;
  2: required i64 total_byte_size;
  3: required i64 num_rows;
  5: optional i64 file_offset;
  6: optional i64 total_compressed_size;
  7: optional i16 ordinal;
}

struct FileMetaData {
  1: required i32 version;
  2: required list<SchemaElement> schema;
  3: required i64 num_rows;
  4: required list<RowGroup> row_groups;
  5: optional list<KeyValue> key_value_metadata;
  6: optional string created_by;
}
