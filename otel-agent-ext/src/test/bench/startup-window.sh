#!/usr/bin/env bash
# Where the extension's start-up time goes, from the JVM's class-load log (timestamps in ms), for runs too noisy to
# compare whole start-ups (one mode spreads over hundreds of ms on a small machine):
#   window  = from the agent's last built-in instrumentation module to the first class it loads after the
#             extension's modules (with the extension) or after its own (without): what loading the extension adds;
#   to-main = from there to the application's main class: where per-class type matching would show.
# Run after `./mvnw -pl otel-agent-ext -am package -DskipTests`:  otel-agent-ext/src/test/bench/startup-window.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-5}
agent=$(ls target/agents/opentelemetry-javaagent-2.33*.jar | head -1)
extension=target/boxscore-otel-extension.jar
classes=target/test-classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
no_export="-Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none"
# ms timestamp of a log line
at() { sed -E 's/^\[([0-9.]+)s\].*/\1/' | awk '{ printf "%d", $1 * 1000 }'; }
for run in $(seq "$runs"); do
  for mode in stock extension; do
    flags="-javaagent:$agent $no_export"
    [ "$mode" = extension ] && flags="$flags -Dotel.javaagent.extensions=$extension"
    # shellcheck disable=SC2086
    java -Xlog:class+load=info:file="$work/$mode.log" $flags -cp "$classes" dev.boxscore.otel.ext.bench.StartupProbe \
      > /dev/null 2>&1
    log="$work/$mode.log"
    # the last built-in module class loaded in the agent's module scan, and the first non-module class after the scan
    last_builtin=$(grep -n 'io.opentelemetry.javaagent.instrumentation.*InstrumentationModule ' "$log" | tail -1 | cut -d: -f1)
    last_module=$(grep -n 'InstrumentationModule ' "$log" | tail -1 | cut -d: -f1)
    begin=$(sed -n "${last_builtin}p" "$log" | at)
    after=$(sed -n "$((last_module + 1))p" "$log" | at)
    main=$(grep -m1 'dev.boxscore.otel.ext.bench.StartupProbe ' "$log" | at)
    echo "run $run $mode: window $((after - begin)) ms, to-main $((main - after)) ms, total $main ms, classes $(wc -l < "$log")"
  done
done
