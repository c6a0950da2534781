-- wrk script: GET /api/v1/inventory/{variant_id} with variant ids at random
-- from the file BENCH_IDS_FILE (one a line). See docs/performance.md.
local ids = {}

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_id or 0))
  for line in io.lines(os.getenv("BENCH_IDS_FILE")) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no variant ids in " .. tostring(os.getenv("BENCH_IDS_FILE"))) end
end

function request()
  return wrk.format("GET", "/api/v1/inventory/" .. ids[math.random(#ids)])
end
