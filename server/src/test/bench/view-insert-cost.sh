#!/bin/bash
# Insert cost of the llm_calls view (BENCHMARKS.md, issue 4): one day of stored spans inserted into a copy of spans
# without views and into a copy feeding a copy of llm_calls through its view, with the engine's per-block dedup
# (optimize_on_insert) on and off. Needs a running server on a data directory holding spans (e.g. the analytics
# benchmark's), started on other ports:
#   BOXSCORE_DATA_DIR=/work/bench-data/10m QUARKUS_HTTP_PORT=18080 BOXSCORE_COLLECTOR_HTTP_PORT=14318 \
#     BOXSCORE_COLLECTOR_GRPC_PORT=14317 java -jar server/target/quarkus-app/quarkus-run.jar
# Usage: server/src/test/bench/view-insert-cost.sh ENGINE_URL SERVER_PID DAY
#   ENGINE_URL: the embedded engine's HTTP adapter (the port of the server process that answers "SELECT 1")
#   DAY: a day with spans, e.g. 2026-11-20
# Works in a database of its own (bench_insert_cost), dropped at the end.
set -euo pipefail
url=$1 pid=$2 day=$3
migrations=$(dirname "$0")/../../../../storage/src/main/resources/clickhouse/migrations
q() { curl -sS --fail-with-body "$url/" --data-binary "$1"; }
cpu_ms() { awk '{print ($14 + $15) * 10}' "/proc/$pid/stat"; }
sql_of() { grep -v '^--' "$migrations/$1"; }

q "DROP DATABASE IF EXISTS bench_insert_cost"
q "CREATE DATABASE bench_insert_cost"
q "CREATE TABLE bench_insert_cost.stage ENGINE = Memory AS SELECT * FROM boxscore.spans
   WHERE toDate(start_time) = toDate('$day')"
q "CREATE TABLE bench_insert_cost.spans AS boxscore.spans"
q "CREATE TABLE bench_insert_cost.spans_with_view AS boxscore.spans"
q "$(sql_of 0040_create_llm_calls.sql | sed 's/TABLE IF NOT EXISTS llm_calls/TABLE bench_insert_cost.llm_calls/')"
q "$(sql_of 0041_create_llm_calls_mv.sql \
  | sed 's/VIEW IF NOT EXISTS llm_calls_mv TO llm_calls/VIEW bench_insert_cost.llm_calls_mv TO bench_insert_cost.llm_calls/; s/FROM spans/FROM bench_insert_cost.spans_with_view/')"
echo "spans in the stage: $(q 'SELECT count() FROM bench_insert_cost.stage')"
for round in 1 2 3; do
  for dedup in 1 0; do
    for table in spans spans_with_view; do
      q "TRUNCATE TABLE bench_insert_cost.$table"
      q "TRUNCATE TABLE bench_insert_cost.llm_calls"
      c0=$(cpu_ms); t0=$(date +%s%N)
      q "INSERT INTO bench_insert_cost.$table SETTINGS optimize_on_insert = $dedup SELECT * FROM bench_insert_cost.stage"
      t1=$(date +%s%N); c1=$(cpu_ms)
      echo "round $round optimize_on_insert=$dedup $table: $(( (t1 - t0) / 1000000 )) ms wall, $(( c1 - c0 )) ms CPU"
    done
  done
done
q "DROP DATABASE bench_insert_cost"
