#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the jars the spark profile downloads: one master and
# two workers on 127.0.0.1, each its own JVM; each worker starts its executor in a further JVM (one core
# each, so two cores suffice). `submit` runs spark-submit of target/twinnet-spark.jar against it, the
# driver in this shell's JVM (client mode), with Spark's JDK 17 flags given to the driver and the executors.
#
#   mvn -B -Pspark -DskipTests package             # once: target/twinnet-spark.jar, target/spark-classpath.txt
#   scripts/spark-standalone.sh start              # prints the master's URL
#   scripts/spark-standalone.sh submit train --data q.csv --backend spark --out m   # twinnet's command line
#   scripts/spark-standalone.sh status
#   scripts/spark-standalone.sh start-workers      # starts again the workers that stopped
#   scripts/spark-standalone.sh stop               # stops what start started, by pid
#
# Everything listens on 127.0.0.1 only (SPARK_LOCAL_IP, which the web UIs bind to).
# Settings (environment): SPARK_STANDALONE_DIR (default target/spark-standalone: the cluster's SPARK_HOME,
# logs, pids), SPARK_MASTER_PORT (7077), SPARK_MASTER_WEBUI_PORT (8080; the workers take free ports),
# SPARK_WORKERS (2), SPARK_EXECUTOR_MEMORY (1g), SPARK_WAIT_SECONDS (60, the bound on every wait),
# SPARK_SUBMIT_EXTRA (more spark-submit options for `submit`, e.g. "--conf spark.eventLog.enabled=true").
# See docs/training.md, "A standalone cluster".
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${SPARK_STANDALONE_DIR:-$ROOT/target/spark-standalone}"
PORT="${SPARK_MASTER_PORT:-7077}"
WEBUI="${SPARK_MASTER_WEBUI_PORT:-8080}"
WORKERS="${SPARK_WORKERS:-2}"
EXECUTOR_MEMORY="${SPARK_EXECUTOR_MEMORY:-1g}"
WAIT="${SPARK_WAIT_SECONDS:-60}"
MASTER_URL="spark://127.0.0.1:$PORT"
HOME_DIR="$DIR/home"   # the cluster's SPARK_HOME: jars/ and conf/, as in a Spark distribution
RUN="$DIR/run"         # pids and logs
CLASSPATH_FILE="$ROOT/target/spark-classpath.txt"
APP_JAR="$ROOT/target/twinnet-spark.jar"
# Spark's JDK 17 flags, one list for every JVM here (spark-jvm.options, without its comments)
FLAGS="$(grep -v '^#' "$ROOT/spark-jvm.options" | tr '\n' ' ')"

die() { echo "spark-standalone: $*" >&2; exit 2; }

case "$WORKERS" in ''|*[!0-9]*) die "SPARK_WORKERS=$WORKERS is not a count; use 1 to 8";; esac
[ "$WORKERS" -ge 1 ] && [ "$WORKERS" -le 8 ] || die "SPARK_WORKERS=$WORKERS: use 1 to 8"

# The cluster's SPARK_HOME: jars/ links to what a Spark cluster brings itself (Spark, Scala, Hadoop, Jackson,
# Netty, logging and their dependencies), not DL4J, ND4J, DataVec or JavaCPP, which come with the
# application jar; conf/ holds the logging configuration of every daemon and executor.
make_home() {
  [ -f "$CLASSPATH_FILE" ] || die "$CLASSPATH_FILE is missing: build with 'mvn -B -Pspark -DskipTests package' first"
  rm -rf "$HOME_DIR"
  mkdir -p "$HOME_DIR/jars" "$HOME_DIR/conf"
  tr ':' '\n' < "$CLASSPATH_FILE" | grep '\.jar$' \
    | grep -v -E '/(org/deeplearning4j|org/nd4j|org/datavec|org/bytedeco)/' \
    | while read -r jar; do ln -s "$jar" "$HOME_DIR/jars/$(basename "$jar")"; done
  cat > "$HOME_DIR/conf/logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.apache.spark.deploy" level="INFO"/>
  <logger name="org.apache.spark.executor" level="INFO"/>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
XML
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Waits (bounded) until the log $1 holds the text $2; fails naming the log if the process $3 dies first.
wait_for() {
  local log="$1" text="$2" pidfile="$3" t=0
  while ! grep -q "$text" "$log" 2>/dev/null; do
    alive "$pidfile" || die "$(basename "$log" .log) stopped while starting; see $log"
    [ "$t" -lt $((WAIT * 10)) ] || die "$(basename "$log" .log) did not start within ${WAIT}s; see $log"
    sleep 0.1; t=$((t + 1))
  done
}

daemon() { # name, class, args...: a JVM in the background, its pid in $RUN/name.pid
  local name="$1"; shift
  # shellcheck disable=SC2086
  SPARK_HOME="$HOME_DIR" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 nohup java -Xmx512m $FLAGS \
    -cp "$HOME_DIR/conf:$HOME_DIR/jars/*" "$@" > "$RUN/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
}

start() {
  if alive "$RUN/master.pid"; then die "already running (master pid $(cat "$RUN/master.pid")); stop it first"; fi
  command -v java > /dev/null || die "no java on PATH"
  make_home
  rm -rf "$RUN"; mkdir -p "$RUN"
  daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port "$WEBUI"
  wait_for "$RUN/master.log" "I have been elected leader" "$RUN/master.pid"
  start_workers
  echo "$MASTER_URL"
}

# Starts every worker that is not running (all of them after start; the lost ones later).
start_workers() {
  local started=()
  for i in $(seq 1 "$WORKERS"); do
    alive "$RUN/worker-$i.pid" && continue
    daemon "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
      --webui-port 0 --work-dir "$RUN/work-$i" "$MASTER_URL"
    started+=("$i")
  done
  for i in "${started[@]}"; do
    wait_for "$RUN/worker-$i.log" "Successfully registered with master" "$RUN/worker-$i.pid"
  done
}

# Stops a JVM by its pid and the processes it started (a worker's executors): TERM, then KILL after a bound.
stop_one() {
  local pidfile="$1" pid t=0
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    local children; children="$(pgrep -P "$pid" || true)"
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ "$t" -lt 100 ]; do sleep 0.1; t=$((t + 1)); done
    kill -9 "$pid" $children 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

stop() {
  [ -d "$RUN" ] || { echo "not running"; return 0; }
  for f in "$RUN"/worker-*.pid; do [ -e "$f" ] && stop_one "$f"; done
  stop_one "$RUN/master.pid"
  # an executor left behind by a worker killed with -9 exits by itself once its worker is gone; bounded wait
  local t=0
  while pgrep -f "CoarseGrainedExecutorBackend.*127.0.0.1:$PORT" > /dev/null && [ "$t" -lt $((WAIT * 10)) ]; do
    sleep 0.1; t=$((t + 1))
  done
  echo "stopped"
}

status() {
  alive "$RUN/master.pid" && echo "master $MASTER_URL: pid $(cat "$RUN/master.pid")" || echo "master: not running"
  for f in "$RUN"/worker-*.pid; do
    [ -e "$f" ] || continue
    alive "$f" && echo "$(basename "$f" .pid): pid $(cat "$f")" || echo "$(basename "$f" .pid): not running"
  done
}

submit() {
  alive "$RUN/master.pid" || die "no cluster running: 'scripts/spark-standalone.sh start' first"
  [ -f "$APP_JAR" ] || die "$APP_JAR is missing: build with 'mvn -B -Pspark -DskipTests package' first"
  # shellcheck disable=SC2086
  SPARK_LOCAL_IP=127.0.0.1 exec java $FLAGS --add-modules=jdk.incubator.vector -cp "$HOME_DIR/conf:$HOME_DIR/jars/*" \
    org.apache.spark.deploy.SparkSubmit --master "$MASTER_URL" --deploy-mode client --class twinnet.cli.Main \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf "spark.executor.extraJavaOptions=$FLAGS" --conf spark.executor.memory="$EXECUTOR_MEMORY" \
    --conf spark.ui.enabled=false ${SPARK_SUBMIT_EXTRA:-} \
    "$APP_JAR" "$@"
}

case "${1:-}" in
  start) start ;;
  start-workers)
    alive "$RUN/master.pid" || die "no cluster running: 'scripts/spark-standalone.sh start' first"
    start_workers; status ;;
  stop) stop ;;
  status) status ;;
  submit) shift; submit "$@" ;;
  home) make_home; echo "$HOME_DIR" ;;
  *) echo "usage: scripts/spark-standalone.sh start|stop|status|start-workers|submit TWINNET-ARGS..." >&2; exit 2 ;;
esac
