-- Shared panic clock: starts a match's panic or reads the start already stored, in one
-- atomic round trip. Redis 6.2 has no SET NX GET; a script also leaves no gap between the NX
-- and the GET in which another process could delete the key.
--
-- KEYS[1]  the match's panic key
-- ARGV[1]  candidate start, epoch millis
-- ARGV[2]  expiry in milliseconds (the dead man's switch)
-- ARGV[3]  '1' to push the expiry of a kept start back, '0' to leave it
-- ARGV[4]  'first': keep any live start (first writer wins);
--          'earliest': keep it only if not later than the candidate (resynchronisation)
-- ARGV[5]  a start that belongs to a panic the caller has ended but not yet deleted, so it
--          counts as absent: its decimal text, '*' for whatever is stored, '' for none
--
-- Returns {code, start}: 0 kept the stored start, 1 stored the candidate, 2 stored the candidate
-- over a value that was not a start (corrupt text or a key of another type), then also what was
-- there, for the caller's log.
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

local stored = redis.pcall('GET', KEYS[1])
local start = millis(stored)
local ended = ARGV[5]
local live = start ~= nil and ended ~= '*' and (ended == '' or start ~= tonumber(ended))

if live and (ARGV[4] == 'first' or start <= tonumber(ARGV[1])) then
  if ARGV[3] == '1' then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
  end
  return {0, stored}
end

redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if stored and start == nil then
  -- pcall turned a WRONGTYPE error into a table: SET replaces a key of any type.
  local was = type(stored) == 'string' and stored or 'a key of another type'
  return {2, ARGV[1], was}
end
return {1, ARGV[1]}
