import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { HEALTH_CHECKED_KINDS } from '../../src/gitops/kinds';
import { runHealthLua } from '../helpers/lua';
import { HEALTH_CASES } from './health-cases';

const HEALTH_DIR = join(__dirname, '..', '..', 'src', 'gitops', 'health');
const scriptFor = (kind: string) => {
  const info = HEALTH_CHECKED_KINDS.find((k) => k.kind === kind);
  if (!info) throw new Error(`no script for ${kind}`);
  return readFileSync(join(HEALTH_DIR, info.luaFile), 'utf8');
};

describe('Argo CD Lua health scripts (real lua5.4)', () => {

  it.each(HEALTH_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const hs = runHealthLua(scriptFor(c.kind), c.obj);
    expect(hs.status).toBe(c.status);
    for (const part of c.message) expect(hs.message).toContain(part);
  });

  it('passes through quotes, backslashes and non-ASCII text in the error verbatim', () => {
    const error = `Aborting deployment 'o-green', rolling back: "x\\y" — ünïcode\nsecond line`;
    const hs = runHealthLua(scriptFor('FlinkBlueGreenDeployment'), {
      metadata: { name: 'o', generation: 1 },
      status: { blueGreenState: 'ACTIVE_BLUE', jobStatus: { state: 'FAILING' }, error },
    });
    expect(hs.status).toBe('Degraded');
    expect(hs.message).toContain(error);
  });

  it('works when metadata is missing entirely', () => {
    const hs = runHealthLua(scriptFor('FlinkDeployment'), { status: { lifecycleState: 'STABLE', jobManagerDeploymentStatus: 'READY', jobStatus: { state: 'RUNNING' } } });
    expect(hs.status).toBe('Healthy');
  });
});
