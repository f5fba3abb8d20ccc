package dev.ludicrous.tasks.redis;

/**
 * The Lua scripts that make multi-step changes atomic. Every time comparison uses Redis
 * {@code TIME}, so nodes whose clocks disagree still agree on when a task is due.
 */
final class RedisScripts {
    private RedisScripts() {
    }

    private static final String NOW = "local t = redis.call('TIME')\n"
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n";

    /** KEYS: delayed zset. ARGV: delay in ms (relative, added to Redis TIME), wire message. */
    static final String SCHEDULE = NOW
            + "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])\n"
            + "return 1\n";

    /**
     * KEYS: idempotency key, stream, delayed zset, the task's states hash. ARGV: task id, key TTL
     * ms, wire message, delay ms, QUEUED record (empty: not tracked), record TTL ms. Returns the id
     * of the task that holds the key (this one, or the pending one); only a task that is sent is recorded.
     */
    static final String SEND_IDEMPOTENT = NOW
            + "local held = redis.call('GET', KEYS[1])\n"
            + "if held then return held end\n"
            + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
            + "if ARGV[5] ~= '' then\n"
            + RedisStates.recordInScript("KEYS[4]", "ARGV[1]", "ARGV[5]", "ARGV[6]")
            + "end\n"
            + "local delay = tonumber(ARGV[4])\n"
            + "if delay > 0 then redis.call('ZADD', KEYS[3], now + delay, ARGV[3])\n"
            + "else redis.call('XADD', KEYS[2], '*', 'm', ARGV[3]) end\n"
            + "return ARGV[1]\n";

    /** KEYS: schedule claim key, stream. ARGV: claim TTL ms, wire message. Sends once per claim. */
    static final String SEND_ONCE = "if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then\n"
            + "  redis.call('XADD', KEYS[2], '*', 'm', ARGV[2])\n"
            + "  return 1\n"
            + "end\n"
            + "return 0\n";

    /** KEYS: idempotency key. ARGV: task id. Releases the key only if this task still holds it. */
    static final String RELEASE_KEY = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end\n"
            + "return 0\n";

    /** KEYS: delayed zset, stream. ARGV: most to move. Moves due tasks to the stream; returns how many. */
    static final String MOVE_DUE = NOW
            + "local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))\n"
            + "for _, m in ipairs(due) do\n"
            + "  redis.call('XADD', KEYS[2], '*', 'm', m)\n"
            + "  redis.call('ZREM', KEYS[1], m)\n"
            + "end\n"
            + "return #due\n";

    /**
     * KEYS: stream, dead-letter stream. ARGV: group, consumer, min idle ms, count, delivery cap,
     * dead-letter max length, states hash prefix, status TTL ms. Dead-letters entries idle longer
     * than the visibility timeout that were delivered cap times (and records them DEAD), and claims
     * the others for this consumer, in one atomic step so that no node claims an entry past the
     * cap. Returns the claimed entries. The states hash is named here from the message's id, as no
     * caller can know it in advance; under a hash-tagged prefix it is in the stream's slot.
     */
    static final String RECOVER = NOW
            + "local pending = redis.call('XPENDING', KEYS[1], ARGV[1], 'IDLE', tonumber(ARGV[3]), '-', '+', tonumber(ARGV[4]))\n"
            + "local claim = {}\n"
            + "local cap = tonumber(ARGV[5])\n"
            + "for _, p in ipairs(pending) do\n"
            + "  local id, times = p[1], tonumber(p[4])\n"
            + "  if times >= cap then\n"
            + "    local e = redis.call('XRANGE', KEYS[1], id, id)\n"
            + "    local m = ''\n"
            + "    if #e > 0 then m = e[1][2][2] end\n"
            + "    local reason = 'delivered ' .. times .. ' times without acknowledgement (delivery cap ' .. cap .. '): its workers died or hung'\n"
            + "    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[6], '*', 'm', m, 'reason', reason,\n"
            + "      'error', '', 'attempts', times, 'at', now)\n"
            + "    local tid, name = string.match(m, '^t1\\n([^\\n]*)\\n([^\\n]*)\\n')\n"
            + "    if tid then\n"
            + "      local states = " + RedisStates.hashInScript("ARGV[7]", "tid") + "\n"
            + RedisStates.recordInScript("states", "tid", "'DEAD\\n' .. name .. '\\n' .. reason", "ARGV[8]")
            + "    end\n"
            + "    redis.call('XACK', KEYS[1], ARGV[1], id)\n"
            + "  else\n"
            + "    table.insert(claim, id)\n"
            + "  end\n"
            + "end\n"
            + "if #claim == 0 then return {} end\n"
            + "return redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3]), unpack(claim))\n";

    /**
     * KEYS: stream. Trims entries that every consumer group has been given and acknowledged:
     * below the lowest of each group's last-delivered id and oldest pending id. Returns how many
     * entries were removed.
     */
    static final String TRIM = "local function older(a, b)\n"
            + "  local ams, aseq = string.match(a, '(%d+)-(%d+)')\n"
            + "  local bms, bseq = string.match(b, '(%d+)-(%d+)')\n"
            + "  ams, aseq, bms, bseq = tonumber(ams), tonumber(aseq), tonumber(bms), tonumber(bseq)\n"
            + "  return ams < bms or (ams == bms and aseq < bseq)\n"
            + "end\n"
            + "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end\n"
            + "local groups = redis.call('XINFO', 'GROUPS', KEYS[1])\n"
            + "if #groups == 0 then return 0 end\n"
            + "local safe = nil\n"
            + "for _, g in ipairs(groups) do\n"
            + "  local name, last\n"
            + "  for i = 1, #g, 2 do\n"
            + "    if g[i] == 'name' then name = g[i + 1] end\n"
            + "    if g[i] == 'last-delivered-id' then last = g[i + 1] end\n"
            + "  end\n"
            + "  local point = last\n"
            + "  local summary = redis.call('XPENDING', KEYS[1], name)\n"
            + "  if tonumber(summary[1]) > 0 and older(summary[2], point) then point = summary[2] end\n"
            + "  if safe == nil or older(point, safe) then safe = point end\n"
            + "end\n"
            + "if safe == '0-0' then return 0 end\n"
            + "return redis.call('XTRIM', KEYS[1], 'MINID', safe)\n";

    /**
     * KEYS: stream. ARGV: group, min idle ms. Removes consumers (nodes that are gone) with nothing
     * pending that have been idle at least that long, so restarts do not pile up consumers.
     * Returns how many were removed.
     */
    static final String FORGET_IDLE_CONSUMERS = "local removed = 0\n"
            + "local consumers = redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])\n"
            + "for _, c in ipairs(consumers) do\n"
            + "  local name, pending, idle\n"
            + "  for i = 1, #c, 2 do\n"
            + "    if c[i] == 'name' then name = c[i + 1] end\n"
            + "    if c[i] == 'pending' then pending = tonumber(c[i + 1]) end\n"
            + "    if c[i] == 'idle' then idle = tonumber(c[i + 1]) end\n"
            + "  end\n"
            + "  if pending == 0 and idle >= tonumber(ARGV[2]) then\n"
            + "    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], name)\n"
            + "    removed = removed + 1\n"
            + "  end\n"
            + "end\n"
            + "return removed\n";

    /**
     * KEYS: dead-letter stream, queue stream, the task's states hash. ARGV: dead-letter id, wire
     * message, task id, status record (empty: none), status TTL ms. Moves one dead letter back,
     * recorded as queued again.
     */
    static final String RETRY_DEAD = "if redis.call('XDEL', KEYS[1], ARGV[1]) == 1 then\n"
            + "  if ARGV[4] ~= '' then\n"
            + RedisStates.recordInScript("KEYS[3]", "ARGV[3]", "ARGV[4]", "ARGV[5]")
            + "  end\n"
            + "  redis.call('XADD', KEYS[2], '*', 'm', ARGV[2])\n"
            + "  return 1\n"
            + "end\n"
            + "return 0\n";
}
