/* The C ABI (fluss_native/c_api.h) from a program written in C.
     c_api_test unit              no cluster: versions, codes, bad config,
                                  an unreachable bootstrap, bad split bytes,
                                  handles and freeing
     c_api_test integration DIR   the fixture cluster in DIR (its bootstrap
                                  file): catalog, schema, plan fn_lake.pk with
                                  a predicate, read every split and compare
                                  the rows with the Fluss Java client's state
                                  (DIR/rows/fn_lake.pk.state.jsonl), metrics,
                                  cancellation, point lookup
   Exit 0 when every check passes; each failure prints where and why. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fluss_native/c_api.h"

static int failures = 0;

#define CHECK(cond, ...)                                              \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                                   \
      fprintf(stderr, "\n");                                          \
      failures++;                                                     \
    }                                                                 \
  } while (0)

static void take_error(char** err) {
  fluss_native_free(*err);
  *err = NULL;
}

/* ---- unit ---- */

static void test_versions(void) {
  CHECK(strcmp(fluss_native_version(), "0.1.0") == 0, "version %s", fluss_native_version());
  CHECK(fluss_native_abi_version() == FLUSS_NATIVE_ABI_VERSION, "abi %d", fluss_native_abi_version());
  CHECK(strcmp(fluss_native_code_name(FLUSS_NATIVE_CANCELLED), "Cancelled") == 0, "%s",
        fluss_native_code_name(FLUSS_NATIVE_CANCELLED));
  CHECK(strcmp(fluss_native_code_name(FLUSS_NATIVE_RESOURCE_EXHAUSTED), "ResourceExhausted") == 0, "%s",
        fluss_native_code_name(FLUSS_NATIVE_RESOURCE_EXHAUSTED));
  CHECK(strcmp(fluss_native_code_name(99), "Unknown") == 0, "%s", fluss_native_code_name(99));
  CHECK(strcmp(fluss_native_code_name(-1), "Unknown") == 0, "%s", fluss_native_code_name(-1));
  fluss_native_free(NULL);
  fluss_native_free_strings(NULL, 0);
  fluss_native_free_buffers(NULL, 0);
}

static void test_bad_config(void) {
  fluss_native_client_t* client = NULL;
  char* err = NULL;
  /* No bootstrap server at all. */
  fluss_native_code_t code = fluss_native_client_create(NULL, NULL, 0, &client, &err);
  CHECK(code == FLUSS_NATIVE_INVALID_ARGUMENT, "code %d (%s)", code, err ? err : "");
  CHECK(client == NULL, "client set on failure");
  CHECK(err != NULL && strstr(err, "bootstrap") != NULL, "message '%s' names the missing key", err ? err : "");
  take_error(&err);

  /* A known key with a bad value: named with its value. */
  const char* keys[] = {"bootstrap.servers", "client.request-timeout"};
  const char* values[] = {"127.0.0.1:1", "soon"};
  code = fluss_native_client_create(keys, values, 2, &client, &err);
  CHECK(code == FLUSS_NATIVE_INVALID_ARGUMENT, "code %d (%s)", code, err ? err : "");
  CHECK(err != NULL && strstr(err, "soon") != NULL, "message '%s' names the bad value", err ? err : "");
  take_error(&err);

  /* A NULL value is refused, not dereferenced. */
  const char* null_values[] = {"127.0.0.1:1", NULL};
  code = fluss_native_client_create(keys, null_values, 2, &client, &err);
  CHECK(code == FLUSS_NATIVE_INVALID_ARGUMENT, "code %d", code);
  take_error(&err);

  /* errmsg may be NULL: the code alone. */
  code = fluss_native_client_create(NULL, NULL, 0, &client, NULL);
  CHECK(code == FLUSS_NATIVE_INVALID_ARGUMENT, "code %d", code);
}

static void test_unreachable_bootstrap(void) {
  /* Port 1 on the loopback refuses at once; the client gives up within its
     call timeout and says which servers it tried. */
  const char* keys[] = {"fluss.bootstrap.servers", "client.connect-timeout", "client.request-timeout",
                        "client.call-timeout", "client.retries", "client.retry.backoff"};
  const char* values[] = {"127.0.0.1:1", "200ms", "300ms", "1s", "1", "10ms"};
  fluss_native_client_t* client = NULL;
  char* err = NULL;
  fluss_native_code_t code = fluss_native_client_create(keys, values, 6, &client, &err);
  CHECK(code == FLUSS_NATIVE_NETWORK || code == FLUSS_NATIVE_TIMEOUT, "code %d (%s)", code, err ? err : "");
  CHECK(client == NULL, "client set on failure");
  CHECK(err != NULL && strstr(err, "127.0.0.1:1") != NULL, "message '%s' names the server", err ? err : "");
  take_error(&err);
}

static void test_handles(void) {
  fluss_native_scan_spec_t* spec = fluss_native_scan_spec_create();
  CHECK(spec != NULL, "spec");
  fluss_native_scan_spec_add_column(spec, "id");
  fluss_native_scan_spec_set_predicate(spec, "id > 1");
  fluss_native_scan_spec_set_predicate(spec, NULL);
  fluss_native_scan_spec_set_limit(spec, 10);
  fluss_native_scan_spec_set_limit(spec, -1);
  fluss_native_scan_spec_set_snapshot_id(spec, -1);
  fluss_native_scan_spec_set_tier(spec, "union");
  fluss_native_scan_spec_destroy(spec);
  fluss_native_scan_spec_destroy(NULL);

  fluss_native_cancel_t* cancel = fluss_native_cancel_create();
  CHECK(fluss_native_cancel_is_cancelled(cancel) == 0, "fresh handle cancelled");
  fluss_native_cancel(cancel);
  fluss_native_cancel(cancel); /* any number of times */
  CHECK(fluss_native_cancel_is_cancelled(cancel) == 1, "not cancelled");

  fluss_native_scan_metrics_t* metrics = fluss_native_scan_metrics_create();
  CHECK(fluss_native_scan_metrics_get(metrics, "log_rows") == 0, "log_rows");
  CHECK(fluss_native_scan_metrics_get(metrics, "no_such_counter") == -1, "unknown counter");
  char* text = fluss_native_scan_metrics_text(metrics);
  CHECK(text != NULL && strstr(text, "lake_files_opened 0\n") != NULL, "metrics text '%s'", text ? text : "");
  fluss_native_free(text);

  fluss_native_read_options_t* options = fluss_native_read_options_create();
  fluss_native_read_options_set_memory_budget(options, 1 << 20);
  fluss_native_read_options_set_spill_dir(options, "/tmp");
  fluss_native_read_options_set_memory_hook(options, NULL, NULL, NULL);
  fluss_native_read_options_set_cancel(options, cancel);
  fluss_native_read_options_set_metrics(options, metrics);
  /* The options hold their own references: the handles may go first. */
  fluss_native_cancel_destroy(cancel);
  fluss_native_scan_metrics_destroy(metrics);
  fluss_native_read_options_destroy(options);
  fluss_native_cancel_destroy(NULL);
  fluss_native_scan_metrics_destroy(NULL);
  fluss_native_read_options_destroy(NULL);
  fluss_native_client_destroy(NULL);
}

static void test_null_arguments(void) {
  char* err = NULL;
  char** names = NULL;
  size_t count = 0;
  fluss_native_code_t code = fluss_native_list_databases(NULL, &names, &count, &err);
  CHECK(code == FLUSS_NATIVE_INVALID_ARGUMENT, "code %d", code);
  take_error(&err);
  struct ArrowArrayStream stream;
  memset(&stream, 0, sizeof stream);
  code = fluss_native_open_split(NULL, "x", 1, NULL, &stream, &err);
  CHECK(code == FLUSS_NATIVE_INVALID_ARGUMENT, "code %d", code);
  CHECK(stream.release == NULL, "stream set on failure");
  take_error(&err);
  CHECK(fluss_native_stream_error_code(&stream) == FLUSS_NATIVE_INTERNAL, "released stream");
  const char* key[] = {"1"};
  code = fluss_native_lookup(NULL, "db", "t", key, 1, NULL, 0, &stream, &err);
  CHECK(code == FLUSS_NATIVE_INVALID_ARGUMENT, "lookup without a client: code %d", code);
  CHECK(stream.release == NULL, "stream set on failure");
  take_error(&err);
}

static void run_unit(void) {
  test_versions();
  test_bad_config();
  test_unreachable_bootstrap();
  test_handles();
  test_null_arguments();
}

/* ---- integration ---- */

static char* read_text(const char* path) {
  FILE* f = fopen(path, "rb");
  if (f == NULL) return NULL;
  size_t cap = 1 << 16, len = 0;
  char* buf = malloc(cap);
  size_t n;
  while (buf != NULL && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
  }
  fclose(f);
  if (buf != NULL) buf[len] = '\0';
  return buf;
}

/* Rows of the Java client's state dump whose "id" is above `min_id`: one
   JSON object a line, {"row":{"id":N,...},...}. */
static long java_rows_with_id_above(const char* path, long min_id) {
  char* text = read_text(path);
  if (text == NULL) return -1;
  long rows = 0;
  for (char* line = text; line != NULL && *line != '\0';) {
    char* end = strchr(line, '\n');
    if (end != NULL) *end = '\0';
    char* id = strstr(line, "\"id\":");
    if (id != NULL && strtol(id + 5, NULL, 10) > min_id) rows++;
    line = end == NULL ? NULL : end + 1;
  }
  free(text);
  return rows;
}

/* An ArrowArray a consumer may trust: released by its owner, children as
   many as the schema's, each as long as the batch. */
static int valid_batch(const struct ArrowArray* a, const struct ArrowSchema* schema) {
  if (a->release == NULL || a->length < 0 || a->offset < 0) return 0;
  if (a->n_children != schema->n_children) return 0;
  for (int64_t i = 0; i < a->n_children; i++) {
    const struct ArrowArray* c = a->children[i];
    if (c == NULL || c->release == NULL || c->length < a->length + a->offset) return 0;
  }
  return 1;
}

/* Drains a stream; returns rows, or -1 (and the stream's error in *code). */
static long drain(struct ArrowArrayStream* stream, fluss_native_code_t* code) {
  struct ArrowSchema schema;
  if (stream->get_schema(stream, &schema) != 0) {
    *code = fluss_native_stream_error_code(stream);
    return -1;
  }
  long rows = 0;
  for (;;) {
    struct ArrowArray batch;
    int rc = stream->get_next(stream, &batch);
    if (rc != 0) {
      *code = fluss_native_stream_error_code(stream);
      rows = -1;
      break;
    }
    if (batch.release == NULL) break;
    CHECK(valid_batch(&batch, &schema), "batch of %lld rows is not a valid struct array", (long long)batch.length);
    rows += (long)batch.length;
    batch.release(&batch);
  }
  schema.release(&schema);
  return rows;
}

static void* cancel_from_thread(void* cancel) {
  fluss_native_cancel((fluss_native_cancel_t*)cancel);
  return NULL;
}

/* A cancel from another thread while this one drains: the stream either
   ends with every row (the cancel came too late) or fails with CANCELLED,
   and then every later get_next fails the same way. */
static void test_cancel_from_another_thread(fluss_native_client_t* client, const fluss_native_buffer_t* split,
                                            long expected_rows) {
  fluss_native_cancel_t* cancel = fluss_native_cancel_create();
  fluss_native_read_options_t* options = fluss_native_read_options_create();
  fluss_native_read_options_set_cancel(options, cancel);
  struct ArrowArrayStream stream;
  char* err = NULL;
  fluss_native_code_t code = fluss_native_open_split(client, split->data, split->size, options, &stream, &err);
  fluss_native_read_options_destroy(options);
  CHECK(code == FLUSS_NATIVE_OK, "open: %s", err ? err : "");
  take_error(&err);
  if (code != FLUSS_NATIVE_OK) {
    fluss_native_cancel_destroy(cancel);
    return;
  }
  pthread_t thread;
  pthread_create(&thread, NULL, cancel_from_thread, cancel);
  fluss_native_code_t stream_code = FLUSS_NATIVE_OK;
  long rows = drain(&stream, &stream_code);
  pthread_join(thread, NULL);
  if (rows >= 0) {
    CHECK(rows == expected_rows, "uncancelled drain: %ld rows, expected %ld", rows, expected_rows);
  } else {
    CHECK(stream_code == FLUSS_NATIVE_CANCELLED, "cancelled drain: %s", fluss_native_code_name(stream_code));
    struct ArrowArray batch;
    int rc = stream.get_next(&stream, &batch);
    CHECK(rc != 0 && fluss_native_stream_error_code(&stream) == FLUSS_NATIVE_CANCELLED, "not sticky: rc %d", rc);
    if (rc == 0 && batch.release != NULL) batch.release(&batch);
  }
  printf("cancel from another thread: %s\n", rows >= 0 ? "too late, every row read" : "Cancelled");
  stream.release(&stream);
  fluss_native_cancel_destroy(cancel);
}

static int contains(char** names, size_t count, const char* name) {
  for (size_t i = 0; i < count; i++) {
    if (strcmp(names[i], name) == 0) return 1;
  }
  return 0;
}

/* The Java client's "score" of the row whose "id" is `id` in its state
   dump; 0 when there is no such row. */
static int java_score_of(const char* path, long id, long long* score) {
  char* text = read_text(path);
  if (text == NULL) return 0;
  char needle[64];
  snprintf(needle, sizeof needle, "\"id\":%ld,", id);
  int found = 0;
  for (char* line = text; line != NULL && *line != '\0' && !found;) {
    char* end = strchr(line, '\n');
    if (end != NULL) *end = '\0';
    char* at = strstr(line, needle);
    char* s = strstr(line, "\"score\":");
    if (at != NULL && s != NULL) {
      *score = strtoll(s + 8, NULL, 10);
      found = 1;
    }
    line = end == NULL ? NULL : end + 1;
  }
  free(text);
  return found;
}

/* A value of an "i" or "l" Arrow array (no nulls expected). */
static long long int_at(const struct ArrowArray* a, const char* format, int64_t i) {
  int64_t at = a->offset + i;
  if (strcmp(format, "i") == 0) return ((const int32_t*)a->buffers[1])[at];
  return ((const int64_t*)a->buffers[1])[at];
}

/* Point lookup of fn_lake.pk through the C ABI: keys as text, rows in key
   order, the missing key skipped, values equal to the Java client's state;
   malformed keys refused with a message naming them. */
static void test_lookup(fluss_native_client_t* client, const char* dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/rows/fn_lake.pk.state.jsonl", dir);
  const long ids[] = {103, 0, 999999, 101};
  const char* keys[] = {"103", "0", "999999", "101"};
  const char* columns[] = {"id", "score"};
  long long want_scores[4];
  int want_present[4];
  long want_rows = 0;
  for (int i = 0; i < 4; i++) {
    want_present[i] = java_score_of(path, ids[i], &want_scores[i]);
    want_rows += want_present[i];
  }
  CHECK(want_rows == 3, "the Java state has %ld of the looked-up keys, expected 3", want_rows);
  struct ArrowArrayStream stream;
  char* err = NULL;
  fluss_native_code_t code = fluss_native_lookup(client, "fn_lake", "pk", keys, 4, columns, 2, &stream, &err);
  CHECK(code == FLUSS_NATIVE_OK, "lookup: %s", err ? err : "");
  take_error(&err);
  if (code == FLUSS_NATIVE_OK) {
    struct ArrowSchema schema;
    CHECK(stream.get_schema(&stream, &schema) == 0, "lookup schema: %s", stream.get_last_error(&stream));
    CHECK(schema.n_children == 2, "%lld columns", (long long)schema.n_children);
    long got = 0;
    int next_key = 0;
    for (;;) {
      struct ArrowArray batch;
      int rc = stream.get_next(&stream, &batch);
      CHECK(rc == 0, "lookup get_next: %s", stream.get_last_error(&stream));
      if (rc != 0 || batch.release == NULL) break;
      CHECK(valid_batch(&batch, &schema), "lookup batch is not a valid struct array");
      for (int64_t r = 0; r < batch.length && schema.n_children == 2; r++) {
        while (next_key < 4 && !want_present[next_key]) next_key++;
        long long id = int_at(batch.children[0], schema.children[0]->format, r);
        long long score = int_at(batch.children[1], schema.children[1]->format, r);
        CHECK(next_key < 4 && id == ids[next_key], "row %ld: id %lld, expected %ld", got, id,
              next_key < 4 ? ids[next_key] : -1L);
        CHECK(next_key < 4 && score == want_scores[next_key], "id %lld: score %lld, the Java client has %lld", id,
              score, next_key < 4 ? want_scores[next_key] : 0LL);
        next_key++;
        got++;
      }
      batch.release(&batch);
    }
    schema.release(&schema);
    stream.release(&stream);
    CHECK(got == want_rows, "lookup returned %ld rows, expected %ld", got, want_rows);
    printf("fn_lake.pk lookup of 4 keys (1 missing): %ld rows, equal to the Java client's\n", got);
  }

  /* Malformed keys: refused, naming the key; no stream. */
  const char* injected[] = {"1) OR (k = 2"};
  memset(&stream, 0, sizeof stream);
  code = fluss_native_lookup(client, "fn_lake", "pk", injected, 1, NULL, 0, &stream, &err);
  CHECK(code == FLUSS_NATIVE_INVALID_ARGUMENT, "injected key: code %d", code);
  CHECK(err != NULL && strstr(err, "lookup key 0") != NULL, "message '%s'", err ? err : "");
  CHECK(stream.release == NULL, "stream set on failure");
  take_error(&err);
  const char* two_values[] = {"1, 2"};
  code = fluss_native_lookup(client, "fn_lake", "pk", two_values, 1, NULL, 0, &stream, &err);
  CHECK(code != FLUSS_NATIVE_OK, "a key of two values for a one-column primary key was accepted");
  CHECK(err != NULL && strlen(err) > 0, "no message");
  take_error(&err);
  code = fluss_native_lookup(client, "fn_lake", "no_such_table", keys, 1, NULL, 0, &stream, &err);
  CHECK(code == FLUSS_NATIVE_NOT_FOUND, "missing table: code %d", code);
  take_error(&err);
}

static void run_integration(const char* dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/bootstrap", dir);
  char* bootstrap = read_text(path);
  CHECK(bootstrap != NULL, "no bootstrap file %s", path);
  if (bootstrap == NULL) return;
  bootstrap[strcspn(bootstrap, "\n ")] = '\0';

  const char* keys[] = {"bootstrap.servers"};
  const char* values[] = {bootstrap};
  fluss_native_client_t* client = NULL;
  char* err = NULL;
  fluss_native_code_t code = fluss_native_client_create(keys, values, 1, &client, &err);
  CHECK(code == FLUSS_NATIVE_OK, "create: %s", err ? err : "");
  free(bootstrap);
  if (code != FLUSS_NATIVE_OK) return;

  char** names = NULL;
  size_t count = 0;
  code = fluss_native_list_databases(client, &names, &count, &err);
  CHECK(code == FLUSS_NATIVE_OK, "databases: %s", err ? err : "");
  if (code == FLUSS_NATIVE_OK) {
    CHECK(contains(names, count, "fn_lake"), "fn_lake not among %zu databases", count);
    fluss_native_free_strings(names, count);
  }
  code = fluss_native_list_tables(client, "fn_lake", &names, &count, &err);
  CHECK(code == FLUSS_NATIVE_OK, "tables: %s", err ? err : "");
  if (code == FLUSS_NATIVE_OK) {
    CHECK(contains(names, count, "pk"), "pk not among %zu tables of fn_lake", count);
    fluss_native_free_strings(names, count);
  }
  code = fluss_native_list_tables(client, "no_such_db_c_api", &names, &count, &err);
  CHECK(code == FLUSS_NATIVE_NOT_FOUND, "missing database: code %d", code);
  CHECK(err != NULL && strstr(err, "no_such_db_c_api") != NULL, "message '%s'", err ? err : "");
  take_error(&err);

  struct ArrowSchema schema;
  code = fluss_native_table_schema(client, "fn_lake", "pk", &schema, &err);
  CHECK(code == FLUSS_NATIVE_OK, "schema: %s", err ? err : "");
  if (code == FLUSS_NATIVE_OK) {
    CHECK(strcmp(schema.format, "+s") == 0, "schema format %s", schema.format);
    CHECK(schema.n_children >= 2, "%lld columns", (long long)schema.n_children);
    CHECK(schema.n_children > 0 && strcmp(schema.children[0]->name, "id") == 0, "first column %s",
          schema.n_children > 0 ? schema.children[0]->name : "");
    schema.release(&schema);
  }
  code = fluss_native_table_schema(client, "fn_lake", "no_such_table", &schema, &err);
  CHECK(code == FLUSS_NATIVE_NOT_FOUND, "missing table: code %d", code);
  take_error(&err);

  /* Plan with a predicate, read every split, compare with Java's state. */
  fluss_native_scan_spec_t* spec = fluss_native_scan_spec_create();
  fluss_native_scan_spec_set_predicate(spec, "id > 100");
  fluss_native_buffer_t* splits = NULL;
  size_t split_count = 0;
  code = fluss_native_plan(client, "fn_lake", "pk", spec, &splits, &split_count, &err);
  CHECK(code == FLUSS_NATIVE_OK, "plan: %s", err ? err : "");
  take_error(&err);
  fluss_native_scan_metrics_t* metrics = fluss_native_scan_metrics_create();
  fluss_native_read_options_t* options = fluss_native_read_options_create();
  fluss_native_read_options_set_metrics(options, metrics);
  long rows = 0, first_split_rows = -1;
  for (size_t i = 0; i < split_count; i++) {
    struct ArrowArrayStream stream;
    code = fluss_native_open_split(client, splits[i].data, splits[i].size, options, &stream, &err);
    CHECK(code == FLUSS_NATIVE_OK, "open split %zu: %s", i, err ? err : "");
    take_error(&err);
    if (code != FLUSS_NATIVE_OK) continue;
    fluss_native_code_t stream_code = FLUSS_NATIVE_OK;
    long n = drain(&stream, &stream_code);
    CHECK(n >= 0, "split %zu failed: %s (%s)", i, fluss_native_code_name(stream_code),
          stream.get_last_error(&stream) ? stream.get_last_error(&stream) : "");
    if (n > 0) rows += n;
    if (i == 0) first_split_rows = n;
    stream.release(&stream);
  }
  snprintf(path, sizeof path, "%s/rows/fn_lake.pk.state.jsonl", dir);
  long java = java_rows_with_id_above(path, 100);
  CHECK(java > 0, "no Java state in %s", path);
  CHECK(rows == java, "fn_lake.pk WHERE id > 100: %ld rows over %zu splits, the Java client has %ld", rows,
        split_count, java);
  printf("fn_lake.pk WHERE id > 100: %zu splits, %ld rows (Java: %ld)\n", split_count, rows, java);
  int64_t read = fluss_native_scan_metrics_get(metrics, "log_rows") + fluss_native_scan_metrics_get(metrics, "lake_rows");
  CHECK(read >= rows, "metrics count %lld rows read, fewer than %ld returned", (long long)read, rows);
  /* The per-scan profile: the rows the splits returned, by split tier, are the rows read here. */
  int64_t returned = fluss_native_scan_metrics_get(metrics, "rows_returned_log_only") +
                     fluss_native_scan_metrics_get(metrics, "rows_returned_lake_only") +
                     fluss_native_scan_metrics_get(metrics, "rows_returned_hybrid");
  CHECK(returned == rows, "profile: %lld rows returned, the streams gave %ld", (long long)returned, rows);
  CHECK(fluss_native_scan_metrics_get(metrics, "lake_read_time_ns") > 0, "no FlussLakeReadTime");
  CHECK(fluss_native_scan_metrics_get(metrics, "lake_splits_kept") > 0, "no lake split kept");
  CHECK(fluss_native_scan_metrics_get(metrics, "memory_high_water_bytes") > 0, "no memory high-water mark");
  char* profile = fluss_native_scan_metrics_text(metrics);
  CHECK(profile != NULL && strstr(profile, "union_tail_read_time_ns ") != NULL, "profile text '%s'",
        profile ? profile : "");
  fluss_native_free(profile);
  char* text = NULL;
  code = fluss_native_client_metrics(client, &text, &err);
  CHECK(code == FLUSS_NATIVE_OK && text != NULL && strlen(text) > 0, "client metrics: %s", err ? err : "");
  fluss_native_free(text);

  /* Garbage split bytes: a clean Corruption, no stream. */
  struct ArrowArrayStream bad;
  memset(&bad, 0, sizeof bad);
  code = fluss_native_open_split(client, "\x0b\x00\x01garbage", 10, options, &bad, &err);
  CHECK(code == FLUSS_NATIVE_CORRUPTION || code == FLUSS_NATIVE_INVALID_ARGUMENT, "garbage split: code %d", code);
  CHECK(bad.release == NULL, "stream set on failure");
  take_error(&err);

  /* Cancellation: a stream whose handle is cancelled fails with Cancelled,
     and keeps failing with it (the sticky error). */
  if (split_count > 0) {
    fluss_native_cancel_t* cancel = fluss_native_cancel_create();
    fluss_native_read_options_set_cancel(options, cancel);
    struct ArrowArrayStream stream;
    code = fluss_native_open_split(client, splits[0].data, splits[0].size, options, &stream, &err);
    CHECK(code == FLUSS_NATIVE_OK, "open for cancel: %s", err ? err : "");
    take_error(&err);
    if (code == FLUSS_NATIVE_OK) {
      fluss_native_cancel(cancel);
      fluss_native_cancel_destroy(cancel); /* the stream keeps its reference */
      struct ArrowArray batch;
      int rc = stream.get_next(&stream, &batch);
      CHECK(rc != 0, "get_next after cancel returned a %s",
            batch.release != NULL ? "batch" : "clean end");
      if (rc == 0 && batch.release != NULL) batch.release(&batch);
      CHECK(fluss_native_stream_error_code(&stream) == FLUSS_NATIVE_CANCELLED, "code %s: %s",
            fluss_native_code_name(fluss_native_stream_error_code(&stream)),
            stream.get_last_error(&stream) ? stream.get_last_error(&stream) : "");
      rc = stream.get_next(&stream, &batch);
      CHECK(rc != 0 && fluss_native_stream_error_code(&stream) == FLUSS_NATIVE_CANCELLED,
            "second get_next after cancel: rc %d", rc);
      if (rc == 0 && batch.release != NULL) batch.release(&batch);
      stream.release(&stream);
    } else {
      fluss_native_cancel_destroy(cancel);
    }
  }

  if (split_count > 0) test_cancel_from_another_thread(client, &splits[0], first_split_rows);
  test_lookup(client, dir);

  /* A stream outlives its client (and its options). */
  if (split_count > 0) {
    fluss_native_read_options_set_cancel(options, NULL);
    struct ArrowArrayStream stream;
    code = fluss_native_open_split(client, splits[split_count - 1].data, splits[split_count - 1].size, options,
                                   &stream, &err);
    CHECK(code == FLUSS_NATIVE_OK, "open: %s", err ? err : "");
    take_error(&err);
    fluss_native_client_destroy(client);
    client = NULL;
    fluss_native_read_options_destroy(options);
    options = NULL;
    if (code == FLUSS_NATIVE_OK) {
      fluss_native_code_t stream_code = FLUSS_NATIVE_OK;
      long n = drain(&stream, &stream_code);
      CHECK(n >= 0, "drain after the client was destroyed: %s", fluss_native_code_name(stream_code));
      stream.release(&stream);
    }
  }

  fluss_native_free_buffers(splits, split_count);
  fluss_native_read_options_destroy(options);
  fluss_native_scan_metrics_destroy(metrics);
  fluss_native_scan_spec_destroy(spec);
  fluss_native_client_destroy(client);
}

int main(int argc, char** argv) {
  if (argc >= 2 && strcmp(argv[1], "unit") == 0) {
    run_unit();
  } else if (argc >= 3 && strcmp(argv[1], "integration") == 0) {
    run_integration(argv[2]);
  } else {
    fprintf(stderr, "usage: c_api_test unit | integration IT_DIR\n");
    return 2;
  }
  if (failures > 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("c_api_test %s: all checks passed\n", argv[1]);
  return 0;
}
