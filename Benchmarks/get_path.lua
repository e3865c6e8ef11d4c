-- GET of one fixed path (PATHS) with the bearer token; several paths separated by '|' rotate.
local paths = {}
for p in string.gmatch(os.getenv("PATHS"), "[^|]+") do paths[#paths + 1] = p end
local token = os.getenv("TOKEN")
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Authorization"] = "Bearer " .. token })
end
