-- wrk script for bench/catalog_load.sh. BENCH_MODE=detail asks for
-- GET /api/v1/products/{id} with ids at random from the file BENCH_IDS_FILE
-- (one a line); BENCH_MODE=search asks GET /api/v1/products/search with
-- varied queries (exact, prefix and misspelt words, filters, sorts) and
-- pages 1 to 3.
local queries = {
  "wireless+headphones", "wireles+headphone", "wirless+hedphones", "headph", "noise+cancelling", "bluetooth+speaker",
  "portable+speaker", "waterproof", "laptop", "gaming+laptop", "ultrabook", "mechanical+keyboard", "ergonomic+mouse",
  "4k+monitor", "curved+monitor", "smartphone", "5g+phone", "tablet", "e-reader", "phone+case", "power+bank",
  "charger", "camera", "action+camera", "mirrorless", "lens", "shirt", "linen+shirt", "oxford+shirt", "polo",
  "flannel", "jacket", "rain+jacket", "parka", "fleece", "dress", "maxi+dress", "blouse", "cashmere+sweater",
  "cardigan", "sneakers", "running+shoes", "trail", "boots", "chelsea+boots", "hiking", "backpack", "tote+bag",
  "duffel", "watch", "smartwatch", "fitness+tracker", "frying+pan", "cast+iron", "dutch+oven", "wok", "knife+set",
  "coffee+maker", "blender", "toaster", "kettle", "air+fryer", "desk", "chair", "bookshelf", "sofa", "duvet",
  "pillow", "desk+lamp", "led+strip", "yoga+mat", "dumbbell", "kettlebell", "tent", "sleeping+bag", "headlamp",
  "bike+helmet", "bike+light", "novel", "thriller", "cookbook", "biography", "picture+book", "moisturiser",
  "serum", "sunscreen", "shampoo", "hair+dryer", "perfume", "candle", "board+game", "card+game", "puzzle",
  "jigsaw", "building+set", "robot+kit", "pruning+shears", "garden+hose", "cordless+drill", "circular+saw",
  "sander", "nordwind", "lumen", "kestrel", "halcyon", "bramble", "headfones", "keybord", "moniter", "jackett",
  "sneekers", "backpak", "blendr", "puzle", "shampo", "drill&sort=price_asc", "shirt&sort=price_desc",
  "lamp&sort=rating", "boots&sort=name", "headphones&category=audio", "shirt&category=fashion",
  "jacket&price_min=50&price_max=200", "speaker&price_max=100", "laptop&price_min=1000",
}
local ids = {}
local mode = os.getenv("BENCH_MODE") or "detail"

-- Each wrk thread draws its own sequence.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_id or 0))
  if mode ~= "detail" then return end
  local path = os.getenv("BENCH_IDS_FILE")
  for line in io.lines(path) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no product ids in " .. tostring(path)) end
end

function request()
  if mode == "detail" then
    return wrk.format("GET", "/api/v1/products/" .. ids[math.random(#ids)])
  end
  local q = queries[math.random(#queries)]
  return wrk.format("GET", "/api/v1/products/search?q=" .. q .. "&page=" .. math.random(3))
end
