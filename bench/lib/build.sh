# Building what the bench scripts run: a JDK 21+, the gateway jar and the load generator, each
# rebuilt when its sources are newer; and the load generator's launcher.
# Needs BENCH, ROOT and (for loadgen) CPU_LOAD; sets JAVA_HOME and LOADGEN_CP.
# shellcheck shell=bash

find_jdk() {
  local d
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$d" ] && [ -x "$d/bin/javac" ] || continue
    if [ "$("$d/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)" -ge 21 ]; then
      echo "$d"; return
    fi
  done
  die "needs a JDK 21 or newer"
}

build() {
  export JAVA_HOME; JAVA_HOME=$(find_jdk)
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  local jar=$ROOT/target/gatehouse.jar
  if [ -n "${BENCH_GATEHOUSE_CP:-}" ]; then
    log "running Gatehouse from the classpath in BENCH_GATEHOUSE_CP"
  elif [ ! -f "$jar" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    log "building the gateway jar"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package) >&2 || die "gateway build failed"
  fi
  local lg=$BENCH/loadgen
  if [ ! -f "$lg/target/classpath.txt" ] || [ -n "$(find "$lg/src" "$lg/pom.xml" -newer "$lg/target/classpath.txt" -print -quit)" ]; then
    log "building the load generator"
    (cd "$ROOT" && ./mvnw -q -B -f bench/loadgen/pom.xml package dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt) >&2 || die "load generator build failed"
    touch "$lg/target/classpath.txt"
  fi
  LOADGEN_CP="$lg/target/classes:$(cat "$lg/target/classpath.txt")"
}

# the load generator's JVM flags (run.sh adds to them for its smoke mode)
LOADGEN_JAVA_OPTS="-XX:+UseParallelGC -Xms256m"
loadgen() {
  # shellcheck disable=SC2086
  taskset -c "$CPU_LOAD" "$JAVA_HOME/bin/java" $LOADGEN_JAVA_OPTS -cp "$LOADGEN_CP" dev.gatehouse.bench.loadgen.Main "$@"
}
