/**
 * Runs our Argo CD health scripts with the real `lua5.4` interpreter. The object is passed the way
 * Argo CD does (a Lua table bound to the global `obj`), and the script runs in an environment that
 * only has the libraries Argo CD's sandbox offers (base functions, string, table, math), so a
 * script that reaches for `os` or `io` fails here rather than in the cluster.
 */
import { spawnSync } from 'child_process';

export const LUA = 'lua5.4';

let luaChecked = false;

/** Throws (never skips) when the interpreter is missing, saying how to install it. */
export function requireLua(): void {
  if (luaChecked) return;
  const r = spawnSync(LUA, ['-v'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`${LUA} not found on PATH (${r.error?.message ?? r.stderr}). Run \`bash scripts/ci-tools.sh\` to install it.`);
  }
  luaChecked = true;
}

/** Serializes JSON-like data to a Lua table constructor; null/undefined become absent keys. */
export function toLuaLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot serialize ${value} to Lua`);
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'string') return luaString(value);
  if (Array.isArray(value)) return `{${value.map(toLuaLiteral).join(', ')}}`;
  if (typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `[${luaString(k)}] = ${toLuaLiteral(v)}`);
    return `{${fields.join(', ')}}`;
  }
  throw new Error(`cannot serialize ${typeof value} to Lua`);
}

function luaString(s: string): string {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString().padStart(3, '0')}`; // decimal escape, any byte (UTF-8 kept intact)
  }
  return out + '"';
}

export interface LuaHealth {
  readonly status: string;
  readonly message: string;
}

const SEP = '\u0001';

/** Runs one health script (Lua source text) against one object. */
export function runHealthLua(script: string, obj: unknown): LuaHealth {
  requireLua();
  const harness = `
local env = {
  obj = ${toLuaLiteral(obj)},
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall,
  select = select, tonumber = tonumber, tostring = tostring, type = type,
  string = string, table = table, math = math,
}
local chunk = assert(load(${luaString(script)}, "health.lua", "t", env))
local hs = chunk()
assert(type(hs) == "table", "health script must return a table")
io.write(tostring(hs.status), "${SEP}", tostring(hs.message or ""))
`;
  const r = spawnSync(LUA, ['-'], { input: harness, encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${LUA} failed (${r.status}): ${r.stderr}`);
  const [status, message] = r.stdout.split(SEP);
  return { status: status ?? '', message: message ?? '' };
}
