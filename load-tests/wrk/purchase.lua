-- The closed-loop purchase scenario of Loyalty.LoadTests (`load --mix purchase=100`) for wrk, as a cross-check of
-- its figures by an independent tool: every request is a purchase with a transaction id of its own, for a member
-- drawn uniformly from the population the load generator enrolled (LOAD-<population>-0000000 …), with a basket of
-- 1 to 5 lines, each one of the same six products, 1 to 3 of it. See "Cross-check with wrk" in load-tests/README.md.
--
--   wrk -t 2 -c 32 -d 20s --timeout 30s -s load-tests/wrk/purchase.lua http://127.0.0.1:5080 -- KEY POPULATION MEMBERS RUN [SEED]
--
-- done() prints the figures the report reads, one `wrk_name=value` a line: requests answered, seconds, answers that
-- were not 2xx, socket errors (connect, read, write, timeout), latency p50/p90/p99/max in ms.

local catalogue = {
  { sku = "LATTE", category = "coffee", price = "3.20" },
  { sku = "ESPRESSO", category = "coffee", price = "2.10" },
  { sku = "FLAT-WHITE", category = "coffee", price = "3.40" },
  { sku = "CROISSANT", category = "bakery", price = "2.50" },
  { sku = "SANDWICH", category = "food", price = "5.90" },
  { sku = "WATER", category = "drinks", price = "1.50" },
}

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local population, members, run, sent
-- Global, so that done() can read each thread's count.
not_2xx = 0

function init(args)
  if #args < 4 then
    error("purchase.lua needs: KEY POPULATION MEMBERS RUN [SEED]")
  end
  wrk.method = "POST"
  wrk.headers["X-Api-Key"] = args[1]
  wrk.headers["Content-Type"] = "application/json; charset=utf-8"
  population = args[2]
  members = tonumber(args[3])
  run = args[4]
  math.randomseed((tonumber(args[5]) or 1) * 7919 + id)
  sent = 0
end

function request()
  sent = sent + 1
  local member = string.format("LOAD-%s-%07d", population, math.random(0, members - 1))
  local lines = {}
  for i = 1, math.random(1, 5) do
    local item = catalogue[math.random(1, #catalogue)]
    lines[i] = string.format('{"sku":"%s","category":"%s","quantity":%d,"unitPrice":%s}',
      item.sku, item.category, math.random(1, 3), item.price)
  end
  local body = string.format('{"transactionId":"wrk-%s-%d-%x","storeId":"S-01","lines":[%s]}',
    run, id, sent, table.concat(lines, ","))
  return wrk.format(nil, "/api/members/" .. member .. "/purchases", nil, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_2xx")
  end
  local errors = summary.errors
  local function line(name, value) io.write(string.format("wrk_%s=%s\n", name, value)) end
  line("requests", summary.requests)
  line("seconds", string.format("%.3f", summary.duration / 1e6))
  line("not_2xx", bad)
  line("socket_errors", errors.connect + errors.read + errors.write + errors.timeout)
  line("timeouts", errors.timeout)
  for _, p in ipairs({ 50, 90, 99 }) do
    line("p" .. p .. "_ms", string.format("%.3f", latency:percentile(p) / 1000))
  end
  line("max_ms", string.format("%.3f", latency.max / 1000))
end
