-- wrk script: POSTs the body in $BENCH_BODY with the headers in $BENCH_HEADERS ("k: v|k: v"),
-- and prints one machine-readable line at the end.
wrk.method = "POST"
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
for pair in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^|]+") do
  local k, v = string.match(pair, "^%s*([^:]+):%s*(.-)%s*$")
  if k then wrk.headers[k] = v end
end

-- rps counts successful responses only: a gateway that sheds load (503 recording_backlog) is
-- measured by what it served, and the refusals are in errors and non2xx
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d rps=%.1f errors=%d non2xx=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, (summary.requests - e.status) / summary.duration * 1e6,
    e.connect + e.read + e.write + e.timeout + e.status, e.status,
    latency:percentile(50), latency:percentile(99)))
end
