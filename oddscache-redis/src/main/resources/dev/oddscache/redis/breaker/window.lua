-- Shared panic-breaker window. One hash per window: fields "<epochSecond>:p" and
-- "<epochSecond>:t" hold the panic and total counts of that second, summed over every process;
-- "first" holds the earliest second ever recorded. One call per process per second flushes that
-- process's completed seconds and returns the sums over the window's complete seconds.
-- KEYS[1] window hash; ARGV: now, windowSeconds, ttlMillis, then (second, panic, total) triples.
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local from = now - window

for i = 4, #ARGV, 3 do
  local sec = tonumber(ARGV[i])
  if sec >= from then
    local p = tonumber(ARGV[i + 1])
    local t = tonumber(ARGV[i + 2])
    if p > 0 then redis.call('HINCRBY', key, sec .. ':p', p) end
    if t > 0 then redis.call('HINCRBY', key, sec .. ':t', t) end
    local first = tonumber(redis.call('HGET', key, 'first'))
    if first == nil or sec < first then redis.call('HSET', key, 'first', sec) end
  end
end

local panic, total = 0, 0
local stale = {}
local fields = redis.call('HGETALL', key)
for i = 1, #fields, 2 do
  local f = fields[i]
  if f ~= 'first' then
    local sep = string.find(f, ':', 1, true)
    local sec = tonumber(string.sub(f, 1, sep - 1))
    if sec < from then
      stale[#stale + 1] = f
    elseif sec < now then
      if string.sub(f, sep + 1) == 'p' then
        panic = panic + tonumber(fields[i + 1])
      else
        total = total + tonumber(fields[i + 1])
      end
    end
  end
end
-- Delete in chunks: unpack() of thousands of values overflows Lua's stack after a long idle.
for i = 1, #stale, 500 do
  redis.call('HDEL', key, unpack(stale, i, math.min(i + 499, #stale)))
end
if redis.call('EXISTS', key) == 1 then redis.call('PEXPIRE', key, ttl) end
local first = tonumber(redis.call('HGET', key, 'first')) or -1
return {panic, total, first}
