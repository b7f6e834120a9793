#!/usr/bin/env bash
# JMH micro-benchmarks of Gatehouse's hot paths (src/jmh/java, Maven profile -Pjmh):
# request parse and model extraction, SSE chunk relay, key lookup, policy decision, ledger insert, audit chain link
# and checkpoint signature,
# journal record frame and decode, token counting, screening,
# client IP to country.
#
#   ./bench/jmh.sh            full settings; writes docs/benchmarks/jmh.txt
#   ./bench/jmh.sh --quick    short settings (1 fork, 2 x 1 s warm-up, 3 x 1 s measurement), prints only
#   ./bench/jmh.sh [--quick] REGEX   only the benchmarks matching REGEX
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=false
[ "${1:-}" = --quick ] && { quick=true; shift; }
filter=${1:-}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
if $quick; then
  args="-f 1 -wi 2 -w 1s -i 3 -r 1s $filter"
else
  args="-f 1 -wi 3 -w 2s -i 5 -r 2s -rf text -rff $root/docs/benchmarks/jmh.txt $filter"
  mkdir -p docs/benchmarks
fi
./mvnw -q -B -Pjmh compile
# pinned to one core like the gateway in bench/run.sh, so the numbers are per-core costs
exec taskset -c "${JMH_CPU:-1}" ./mvnw -q -B -Pjmh exec:exec -Djmh.args="$args"
