-- GET of one fixed path (PATHS) with the bearer token, or with the page session cookie
-- when COOKIE is set; several paths separated by '|' rotate.
local paths = {}
for p in string.gmatch(os.getenv("PATHS"), "[^|]+") do paths[#paths + 1] = p end
local token = os.getenv("TOKEN")
local cookie = os.getenv("COOKIE")
if cookie == "" then cookie = nil end
local headers = cookie and { ["Cookie"] = cookie } or { ["Authorization"] = "Bearer " .. (token or "") }
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], headers)
end
