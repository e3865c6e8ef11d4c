-- GET /api/v1/people/{id} over a random sample of ids (one per line in ids.txt).
local ids = {}
for line in io.lines(os.getenv("IDS") or "ids.txt") do ids[#ids + 1] = line end
local token = os.getenv("TOKEN")
math.randomseed(42)
request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/api/v1/people/" .. id, { ["Authorization"] = "Bearer " .. token })
end
