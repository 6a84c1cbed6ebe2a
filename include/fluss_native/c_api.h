/* fluss-native's C ABI: what a host engine written in C, or one that wants a
   boundary free of C++ types (Doris BE, StarRocks BE), links against.

   Style (after LevelDB's include/leveldb/c.h): opaque handles, plain C
   types, every name prefixed fluss_native_. Nothing here throws, exits,
   logs or aborts.

   Errors. A fallible call returns a fluss_native_code_t (FLUSS_NATIVE_OK, 0,
   on success; the values are those of fluss_native::StatusCode) and takes a
   last argument `char** errmsg`. On failure, when errmsg is not NULL,
   *errmsg is set to a NUL-terminated message naming what failed and where
   (table, bucket, offset, file), which the caller frees with
   fluss_native_free. On success *errmsg is left untouched. Out parameters
   are written only on success.

   Threads. The library starts no threads of its own for a scan: a stream's
   get_next does its work on the calling thread. A client runs one reader
   thread per server connection (to match responses with requests).

   Lifetimes. A stream opened by fluss_native_open_split keeps alive what it
   reads through: it may be drained and released after its client, its read
   options, its cancel handle and its metrics handle are destroyed. The
   memory hook's functions and context are the exception: they must outlive
   every stream (and every array exported by one) that uses them.

   The ABI version is FLUSS_NATIVE_ABI_VERSION; it changes when a declaration
   here changes incompatibly. Functions are only ever added. */
#ifndef FLUSS_NATIVE_C_API_H_
#define FLUSS_NATIVE_C_API_H_

#include <stddef.h>
#include <stdint.h>

#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FLUSS_NATIVE_ABI_VERSION 1

/* The values of fluss_native::StatusCode (status.h). */
typedef enum {
  FLUSS_NATIVE_OK = 0,
  FLUSS_NATIVE_INVALID_ARGUMENT = 1,
  FLUSS_NATIVE_NOT_FOUND = 2,
  FLUSS_NATIVE_ALREADY_EXISTS = 3,
  FLUSS_NATIVE_AUTHENTICATION = 4,
  FLUSS_NATIVE_AUTHORIZATION = 5,
  FLUSS_NATIVE_SCHEMA = 6,
  FLUSS_NATIVE_NETWORK = 7,
  FLUSS_NATIVE_TIMEOUT = 8,
  FLUSS_NATIVE_NOT_LEADER = 9,
  FLUSS_NATIVE_CORRUPTION = 10,
  FLUSS_NATIVE_UNSUPPORTED = 11,
  FLUSS_NATIVE_OUT_OF_RANGE = 12,
  FLUSS_NATIVE_CANCELLED = 13,
  FLUSS_NATIVE_SERVER_ERROR = 14,
  FLUSS_NATIVE_INTERNAL = 15,
  FLUSS_NATIVE_RESOURCE_EXHAUSTED = 16
} fluss_native_code_t;

typedef struct fluss_native_client_t fluss_native_client_t;
typedef struct fluss_native_scan_spec_t fluss_native_scan_spec_t;
typedef struct fluss_native_read_options_t fluss_native_read_options_t;
typedef struct fluss_native_cancel_t fluss_native_cancel_t;
typedef struct fluss_native_scan_metrics_t fluss_native_scan_metrics_t;

/* One serialized split (a Thrift TFlussFileDesc, binary protocol). */
typedef struct {
  char* data;
  size_t size;
} fluss_native_buffer_t;

/* ---- Versions, codes, memory. Thread-safe; no state. ---- */

/* "0.1.0": the library's version; static storage, never freed. */
FN_EXPORT const char* fluss_native_version(void);
/* FLUSS_NATIVE_ABI_VERSION as the library was built: a host checks it
   against the macro it was compiled with. */
FN_EXPORT int fluss_native_abi_version(void);
/* "NotFound", ...; "Unknown" for a value outside the enum. Static storage. */
FN_EXPORT const char* fluss_native_code_name(int code);
/* Frees what the library allocated for the caller: error messages, the
   strings of a list, metrics text. NULL is ignored. */
FN_EXPORT void fluss_native_free(void* pointer);
/* Frees an array of `count` strings from a list call and the strings. */
FN_EXPORT void fluss_native_free_strings(char** strings, size_t count);
/* Frees an array of `count` buffers from fluss_native_plan and their bytes. */
FN_EXPORT void fluss_native_free_buffers(fluss_native_buffer_t* buffers, size_t count);

/* ---- Client. ---- */

/* Opens a client from `count` key/value pairs: the keys of the CLI and the
   README (bootstrap.servers, client.request-timeout, lake.paimon.warehouse,
   ...; a "fluss." prefix is stripped, unknown keys are ignored). Reaches a
   bootstrap server before returning: INVALID_ARGUMENT for a bad key value,
   NETWORK or TIMEOUT naming the servers tried. keys/values are copied.
   Thread-safe. */
FN_EXPORT fluss_native_code_t fluss_native_client_create(const char* const* keys, const char* const* values,
                                                         size_t count, fluss_native_client_t** out,
                                                         char** errmsg);
/* Destroys the client; streams it opened stay readable (see Lifetimes).
   Must not race with another call on the same client. NULL is ignored. */
FN_EXPORT void fluss_native_client_destroy(fluss_native_client_t* client);

/* Every call below that takes a client is thread-safe: many threads may
   share one client. */

/* The client's counters ("name value" lines: connections, RPCs, metadata
   cache hits and misses), for the caller to free. */
FN_EXPORT fluss_native_code_t fluss_native_client_metrics(fluss_native_client_t* client, char** text,
                                                          char** errmsg);

/* ---- Catalog. ---- */

/* The database names; *names is an array of *count strings, freed with
   fluss_native_free_strings. */
FN_EXPORT fluss_native_code_t fluss_native_list_databases(fluss_native_client_t* client, char*** names,
                                                          size_t* count, char** errmsg);
/* The table names of `database` (NOT_FOUND when it does not exist). */
FN_EXPORT fluss_native_code_t fluss_native_list_tables(fluss_native_client_t* client, const char* database,
                                                       char*** names, size_t* count, char** errmsg);
/* The table's columns as an Arrow schema: a struct ("+s") with one child
   per column in schema order, the same types a scan's batches have. The
   caller owns *out and calls out->release. */
FN_EXPORT fluss_native_code_t fluss_native_table_schema(fluss_native_client_t* client, const char* database,
                                                        const char* table, struct ArrowSchema* out,
                                                        char** errmsg);

/* ---- Planning. ---- */

/* What to read. A spec is a plain value: not thread-safe while being set,
   and it may be destroyed as soon as fluss_native_plan returns. */
FN_EXPORT fluss_native_scan_spec_t* fluss_native_scan_spec_create(void);
FN_EXPORT void fluss_native_scan_spec_destroy(fluss_native_scan_spec_t* spec);
/* Adds a column to the projection, in output order; none: every column. */
FN_EXPORT void fluss_native_scan_spec_add_column(fluss_native_scan_spec_t* spec, const char* column);
/* The rows to keep, as the text of a WHERE clause without WHERE (see
   predicate.h: comparisons, IN, IS NULL, BETWEEN, AND/OR/NOT). Parsed by
   fluss_native_plan, whose error names the position. NULL clears it. */
FN_EXPORT void fluss_native_scan_spec_set_predicate(fluss_native_scan_spec_t* spec, const char* predicate);
/* Stop after `limit` rows in all; a negative value clears it. */
FN_EXPORT void fluss_native_scan_spec_set_limit(fluss_native_scan_spec_t* spec, int64_t limit);
/* The lake snapshot to read (FOR VERSION AS OF); negative: the readable one. */
FN_EXPORT void fluss_native_scan_spec_set_snapshot_id(fluss_native_scan_spec_t* spec, int64_t snapshot_id);
/* "auto" (default), "log", "lake" or "union"; another text makes
   fluss_native_plan fail with INVALID_ARGUMENT. */
FN_EXPORT void fluss_native_scan_spec_set_tier(fluss_native_scan_spec_t* spec, const char* tier);

/* Plans `database.table` (the lake snapshot and log offsets are pinned
   now) into *count serialized splits (Thrift TFlussFileDesc, binary
   protocol), each readable by fluss_native_open_split in this or another
   process. Free *splits with fluss_native_free_buffers. Thread-safe. */
FN_EXPORT fluss_native_code_t fluss_native_plan(fluss_native_client_t* client, const char* database,
                                                const char* table, const fluss_native_scan_spec_t* spec,
                                                fluss_native_buffer_t** splits, size_t* count,
                                                char** errmsg);

/* ---- Cancellation. ---- */

/* A cancel handle, given to streams through their read options. */
FN_EXPORT fluss_native_cancel_t* fluss_native_cancel_create(void);
/* Cancels every stream opened with this handle: a blocked or later
   get_next returns an error (get_last_error names the cancellation, the
   stream's fluss_native code is CANCELLED) within 100 ms, and keeps
   returning it. Thread-safe: any thread, any time, any number of times. */
FN_EXPORT void fluss_native_cancel(fluss_native_cancel_t* cancel);
/* 1 once fluss_native_cancel was called, else 0. Thread-safe. */
FN_EXPORT int fluss_native_cancel_is_cancelled(const fluss_native_cancel_t* cancel);
/* Drops the caller's reference; streams that hold it keep it. Must not race
   with fluss_native_cancel on the same handle. NULL is ignored. */
FN_EXPORT void fluss_native_cancel_destroy(fluss_native_cancel_t* cancel);

/* ---- Scan metrics. ---- */

/* Counters of what reading did (EXPLAIN ANALYZE); several streams may share
   one. Reading a counter is thread-safe while streams count into it. */
FN_EXPORT fluss_native_scan_metrics_t* fluss_native_scan_metrics_create(void);
FN_EXPORT void fluss_native_scan_metrics_destroy(fluss_native_scan_metrics_t* metrics);
/* A counter by name: log_bytes_fetched, log_rows, lake_bytes_read,
   lake_rows, lake_files_opened, row_groups_total, row_groups_kept,
   row_groups_pruned_by_dictionary, pages_total, pages_kept,
   log_batches_total, log_batches_kept, pages_skipped, rows_skipped, and the
   per-scan profile (ScanMetrics in scan.h): log_read_time_ns,
   lake_read_time_ns, union_tail_read_time_ns, rows_returned_log_only,
   rows_returned_lake_only, rows_returned_hybrid, lake_splits_kept,
   lake_splits_suppressed, bytes_decompressed, retries,
   memory_high_water_bytes. -1 for an unknown name. */
FN_EXPORT int64_t fluss_native_scan_metrics_get(const fluss_native_scan_metrics_t* metrics, const char* name);
/* Every counter as "name value" lines, for the caller to free. NULL when
   out of memory. */
FN_EXPORT char* fluss_native_scan_metrics_text(const fluss_native_scan_metrics_t* metrics);

/* ---- Reading a split. ---- */

/* A host's allocator for memory that grows with data (a Doris MemTracker
   hook). `allocate` returns NULL to refuse (the stream then fails with
   RESOURCE_EXHAUSTED naming the split); `release` gets back exactly what
   `allocate` returned, with its size. Both are called from any thread that
   drives a stream and from connection reader threads: they must be
   thread-safe. */
typedef void* (*fluss_native_allocate_fn)(void* context, size_t bytes, size_t alignment);
typedef void (*fluss_native_release_fn)(void* context, void* pointer, size_t bytes);

/* How a split is read. A plain value: not thread-safe while being set;
   fluss_native_open_split copies what it needs, so one options object may
   serve many opens (from many threads, once set) and may be destroyed
   after them. */
FN_EXPORT fluss_native_read_options_t* fluss_native_read_options_create(void);
FN_EXPORT void fluss_native_read_options_destroy(fluss_native_read_options_t* options);
/* Bytes one stream may hold (default 256 MiB); past it a primary-key merge
   spills. Values <= 0 are ignored. */
FN_EXPORT void fluss_native_read_options_set_memory_budget(fluss_native_read_options_t* options, int64_t bytes);
/* Where spill runs go (a private directory is made under it); NULL or "":
   $TMPDIR, else /tmp. */
FN_EXPORT void fluss_native_read_options_set_spill_dir(fluss_native_read_options_t* options, const char* dir);
/* The host's allocator; both functions NULL: malloc with the budget. */
FN_EXPORT void fluss_native_read_options_set_memory_hook(fluss_native_read_options_t* options, void* context,
                                                         fluss_native_allocate_fn allocate,
                                                         fluss_native_release_fn release);
/* The cancel handle the streams obey (the options take a reference); NULL:
   not cancellable from outside. */
FN_EXPORT void fluss_native_read_options_set_cancel(fluss_native_read_options_t* options,
                                                    fluss_native_cancel_t* cancel);
/* Where the streams count what they read (the options take a reference). */
FN_EXPORT void fluss_native_read_options_set_metrics(fluss_native_read_options_t* options,
                                                     fluss_native_scan_metrics_t* metrics);

/* Decodes a split (Thrift TFlussFileDesc bytes, binary or compact protocol,
   as from fluss_native_plan or a Doris FE) and opens it into *out, an Arrow
   C stream whose batches are struct arrays of the split's columns. Errors
   in the bytes are CORRUPTION or INVALID_ARGUMENT naming the field; errors
   while reading come from the stream's get_next (an errno-style int) and
   get_last_error (the message, valid until the next call on the stream).
   `options` may be NULL (defaults). The stream is used by one thread at a
   time; the caller releases it with out->release. Thread-safe. */
FN_EXPORT fluss_native_code_t fluss_native_open_split(fluss_native_client_t* client, const void* split_bytes,
                                                      size_t split_size,
                                                      const fluss_native_read_options_t* options,
                                                      struct ArrowArrayStream* out, char** errmsg);

/* ---- Point lookup. ---- */

/* The rows of a primary-key table whose primary key equals each of `keys`
   (Fluss's Lookup RPC, one request per bucket leader), into *out: an Arrow C
   stream of struct arrays of `columns` (n_columns names; NULL or 0: every
   column), the rows of the keys that exist in key order (none for a key
   that does not, or whose partition does not). Each key is text: the full
   primary key's values, partition columns included, in primary-key order
   (fluss_native_table_schema's order of the key columns), comma-separated,
   in the literal syntax of predicates: `1, 'abc', DATE '2024-01-31'`.
   A key that does not parse, has another number of values or values that
   do not fit its columns fails the call with INVALID_ARGUMENT naming the
   key; a table without a primary key fails with INVALID_ARGUMENT.
   Thread-safe: many threads may look up through one client at once.
   Lifetimes: `keys` and `columns` are read during the call only; the rows
   are fetched before it returns, so *out holds them itself and may be
   drained and released after the client is destroyed, on any one thread
   at a time. */
FN_EXPORT fluss_native_code_t fluss_native_lookup(fluss_native_client_t* client, const char* database,
                                                  const char* table, const char* const* keys, size_t n_keys,
                                                  const char* const* columns, size_t n_columns,
                                                  struct ArrowArrayStream* out, char** errmsg);

/* The fluss_native code of a stream's last error, read from the text its
   get_last_error returns (which starts with the code's name, "Cancelled:
   ..."): FLUSS_NATIVE_OK when it has none yet, INTERNAL when the text names
   no code (a stream not opened by this library). Call it on the thread
   that drives the stream, after get_next failed. */
FN_EXPORT fluss_native_code_t fluss_native_stream_error_code(struct ArrowArrayStream* stream);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif  /* FLUSS_NATIVE_C_API_H_ */
