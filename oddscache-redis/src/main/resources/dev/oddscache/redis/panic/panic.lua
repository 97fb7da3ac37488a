-- Shared panic clock: starts a match's panic, reads the start already stored, or restores a
-- start Redis lost, in one atomic round trip. Redis 6.2 has no SET NX GET; a script also leaves
-- no gap between the NX and the GET in which another process could delete the key.
--
-- KEYS[1]  the match's panic key
-- KEYS[2]  the match's end mark: when a process last ended a panic of the match (epoch millis)
-- ARGV[1]  candidate start of a new panic, epoch millis; '' to start none (a read, a resync)
-- ARGV[2]  expiry in milliseconds (the dead man's switch)
-- ARGV[3]  '1' to push the expiry of a kept start back, '0' to leave it
-- ARGV[4]  the start the caller holds for a panic it saw and did not see end, '' for none.
--          Unless an end was marked at or after it, it is the panic's start: restored if the
--          key is missing (evicted, flushed, lost in a restart) or holds a later start (written
--          by a process that did not know it); an earlier stored start is kept (earliest wins)
-- ARGV[5]  a start that belongs to a panic the caller has ended but not yet deleted, so it
--          counts as absent: its decimal text, '*' for whatever is stored, '' for none
--
-- Returns {code, start}: 0 kept the stored start, 1 stored the candidate, 2 stored the candidate
-- or the held start over a value that was not a start (corrupt text or a key of another type),
-- then also what was there, for the caller's log; 3 restored the held start; {4} nothing stored:
-- no live start, and the held panic was ended by another process (or no candidate was given).
-- Line comments are stripped before the script is sent.

local function millis(value)
  if type(value) ~= 'string' then
    return nil
  end
  -- The same rule as PanicStartCodec: ASCII whitespace around an optional '-' and 1 to 15
  -- digits, so the number is exact in Lua's doubles and in a Java long.
  local sign, digits = string.match(value, '^%s*(%-?)(%d+)%s*$')
  if digits == nil or #digits > 15 then
    return nil
  end
  return tonumber(sign .. digits)
end

local held = millis(ARGV[4])

local function endedSince(instant)
  local mark = millis(redis.pcall('GET', KEYS[2]))
  return mark ~= nil and mark >= instant
end

local stored = redis.pcall('GET', KEYS[1])
local start = millis(stored)
local ended = ARGV[5]
local live = start ~= nil and ended ~= '*' and (ended == '' or start ~= tonumber(ended))

if live and (held == nil or start <= held or endedSince(held)) then
  if ARGV[3] == '1' then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
  end
  return {0, stored}
end

local value, code
if held ~= nil and (live or not endedSince(held)) then
  value, code = ARGV[4], 3
elseif ARGV[1] ~= '' then
  value, code = ARGV[1], 1
else
  return {4}
end

redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
if stored and start == nil then
  -- pcall turned a WRONGTYPE error into a table: SET replaces a key of any type.
  local was = type(stored) == 'string' and stored or 'a key of another type'
  return {2, value, was}
end
return {code, value}
