-- POST /api/v1/people with a new person (and a unique email) per request, with the bearer
-- token; PREFIX keeps several wrk processes from making the same emails.
local token = os.getenv("TOKEN")
local prefix = os.getenv("PREFIX") or "a"
local n = 0
local thread_id = 0
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end
request = function()
  n = n + 1
  local body = string.format('{"display_name":"김보경 %s%d-%d","emails":["p-%s-%d-%d@bench.example"]}', prefix, thread_id, n, prefix, thread_id, n)
  return wrk.format("POST", "/api/v1/people", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
