import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from '../../scripts/rules-doc';
import { RULES } from '../../src/validation';
import { OPERATOR_CHECKS } from '../../src/validation/operator-checks';

describe('docs/rules.md', () => {
  it('is what npm run docs:rules writes (regenerate it after changing the catalogue)', () => {
    expect(readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8')).toBe(renderRulesDoc());
  });

  it('lists every rule of the catalogue', () => {
    const doc = renderRulesDoc();
    for (const r of RULES) expect(doc).toContain(`| \`${r.id}\` |`);
  });

  it('maps every DefaultValidator check to rules that exist, or says why not', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const c of OPERATOR_CHECKS) {
      for (const r of c.rules) expect(ids.has(r), `${c.method}: ${r}`).toBe(true);
      expect(c.rules.length > 0 || (c.why ?? '').length > 10, c.method).toBe(true);
    }
  });
});
