-- wrk script: counts answers outside 2xx (wrk itself only counts >= 400, and not redirects)
-- and prints one machine-readable line with throughput and latency percentiles. With
-- BENCH_POST_BODY set it POSTs that form body instead, and counts answers other than 303.
local threads = {}
local post_body = os.getenv("BENCH_POST_BODY")
if post_body == "" then post_body = nil end
if post_body then
  wrk.method = "POST"
  wrk.body = post_body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if (post_body and status ~= 303) or (not post_body and (status < 200 or status > 299)) then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'BENCHJSON {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"non2xx":%d,"socket_errors":%d,"timeouts":%d}\n',
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    bad, e.connect + e.read + e.write, e.timeout))
end
