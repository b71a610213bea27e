import { execFileSync } from 'child_process';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { HEALTH_LUA } from '../../src/gitops/health/scripts.generated';

const ROOT = join(__dirname, '..', '..');

describe('embedded Lua (src/gitops/health/scripts.generated.ts)', () => {
  it('is up to date with the .lua files (else run `node scripts/gen-health-lua.js`)', () => {
    // --check exits 1 with the fix in its message when stale; execFileSync then throws it.
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-health-lua.js'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(Object.keys(HEALTH_LUA).sort()).toEqual(['flinkbluegreendeployment.lua', 'flinkdeployment.lua']);
  });
});
