#!/usr/bin/env bash
# CPU flame graph of a running JVM (one of Polyshop's services under the harness's load), with
# async-profiler from Maven Central attached for a number of seconds.
#   bench/profile.sh PID SECONDS OUT.html       (OUT.collapsed for folded stacks instead)
# Needs a JDK 25 (JAVA_HOME, or the launcher's) and Linux; the JVM must be the same user's.
# Where perf events are not allowed (containers, perf_event_paranoid > 1), async-profiler samples
# with timers instead: kernel frames are still shown for the sampled thread.
set -Eeuo pipefail

readonly VERSION=4.2
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
die() { printf '[profile] error: %s\n' "$*" >&2; exit 1; }

(($# == 3)) || die "usage: bench/profile.sh PID SECONDS OUT.html|OUT.collapsed"
pid=$1 seconds=$2 out=$(realpath -m "$3")
[[ -d /proc/$pid ]] || die "no process $pid"
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[[ -x $JAVA_HOME/bin/jcmd ]] || die "set JAVA_HOME to a JDK 25"

lib=$ROOT/bench/target/async-profiler-$VERSION/libasyncProfiler.so
if [[ ! -f $lib ]]; then
  jar=$HOME/.m2/repository/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar
  [[ -f $jar ]] || (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -B -ntp -q dependency:get \
    -Dartifact="tools.profiler:async-profiler:$VERSION")
  mkdir -p "$(dirname "$lib")"
  unzip -o -q -j "$jar" linux-x64/libasyncProfiler.so -d "$(dirname "$lib")"
fi

format=flamegraph
[[ $out == *.collapsed ]] && format=collapsed
# jcmd reads name=value pairs: the agent's options go in one quoted argument.
"$JAVA_HOME/bin/jcmd" "$pid" JVMTI.agent_load "$lib" '"start,event=cpu,interval=1ms"' >/dev/null
sleep "$seconds"
"$JAVA_HOME/bin/jcmd" "$pid" JVMTI.agent_load "$lib" "\"stop,$format,file=$out\"" >/dev/null
printf '[profile] %s seconds of pid %s -> %s\n' "$seconds" "$pid" "$out" >&2
