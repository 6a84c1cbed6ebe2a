// The Fluss split contract: what a planner (Doris FE, or our own) hands a
// reader (Doris BE, or our own) for one bucket of one table, serialized as a
// TFlussFileDesc with Thrift's binary or compact protocol.
//
// Compatibility rule:
//  - Field ids 1-8 and 10-14 of TFlussFileDesc, their names and types are the
//    Doris-Fluss design's (doris-fluss-implementation-strategy.md section 3.3)
//    and never change. Bytes from an FE that sets only those still decode.
//  - fluss-native's own fields start at id 20. New fields get new ids; an id
//    is never reused or retyped. Every field is optional on the wire: a
//    reader skips ids it does not know, so older readers accept newer bytes.
//  - Which fields are required is decided after decoding (see
//    docs/split-contract.md), so the error names the field.
namespace cpp fluss_native.plan.thrift_gen
namespace java org.apache.doris.thrift
namespace py fluss_split

enum TFlussSplitTier {
    LAKE_ONLY = 0,
    LOG_ONLY = 1,
    HYBRID = 2
}

// Where one data file's deletion vector sits in a Paimon DV index file.
struct TFlussDeletionVector {
    1: optional string index_path
    2: optional i64 offset
    3: optional i64 length
    4: optional i64 cardinality
}

// What a lake reader needs of one data file beyond its path. Element i of
// TFlussFileDesc.lake_files describes element i of lake_file_paths.
struct TFlussLakeFile {
    1: optional i64 size_bytes
    2: optional i64 row_count
    // The Paimon schema the file was written with (columns match by field id).
    3: optional i64 schema_id
    4: optional i32 level
    5: optional i64 min_sequence_number
    6: optional i64 max_sequence_number
    7: optional TFlussDeletionVector deletion_vector
}

struct TFlussFileDesc {
    // The design's existing fields.
    1: optional string database_name
    2: optional string table_name
    3: optional i64 table_id
    4: optional i32 bucket_id
    5: optional string partition_name
    6: optional i64 snapshot_id
    7: optional string bootstrap_servers
    8: optional string file_format

    // The design's tier information.
    10: optional TFlussSplitTier tier

    // The design's lake tier fields.
    11: optional list<string> lake_file_paths
    12: optional i64 lake_snapshot_id

    // The design's log tier fields.
    13: optional i64 log_start_offset
    14: optional i64 log_end_offset

    // fluss-native's extensions (ids 20 and above).
    20: optional i64 partition_id
    21: optional i32 schema_id
    22: optional list<string> columns
    23: optional list<string> primary_key
    24: optional list<string> bucket_key
    25: optional list<string> partition_keys
    26: optional list<TFlussLakeFile> lake_files
    27: optional string lake_table_location
    28: optional i64 lake_schema_id
    29: optional bool lake_deletion_vectors
    30: optional string lake_merge_engine
    31: optional bool lake_bucket_unaware
    32: optional map<string, string> lake_options
    33: optional string predicate
    34: optional i64 limit
}
