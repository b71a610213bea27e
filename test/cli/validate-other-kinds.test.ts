import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'cdk8s-flink-bluegreen.js');
const FIELD_CASE = join(ROOT, 'test/fixtures/field-cases/sessionjob-jaruri-scheme/input.yaml');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('validate CLI on the other Flink kinds', () => {
  it('field case sessionjob-jaruri-scheme: no false all-clear on 1.15 (DefaultValidator.validateJarURI), the summary names the kind', () => {
    const r = cli('validate', FIELD_CASE);
    expect(r.code).toBe(1);
    expect(r.out).toContain('error[SESSIONJOB-JAR-URI] FlinkSessionJob/clickstream-sessionjob (document 0, line 9:5)');
    expect(r.out).toContain(`operator says "jarURI scheme 's3' is not in the allowlist [https]. Configure 'kubernetes.operator.user.artifacts.allowed-schemes' to extend the allowlist."`);
    expect(r.out).toMatch(/^1 error, 0 warnings in 1 file \(1 file checked: 1 FlinkSessionJob\)$/m);
  });

  it('operator 1.14 has no jarURI check; json reports what was checked', () => {
    const r = cli('validate', '--operator-version', '1.14', '--format', 'json', FIELD_CASE);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ findings: [], checked: { files: 1, kinds: { FlinkSessionJob: 1 } } });
  });

  it('the committed example output passes, every kind counted', () => {
    const r = cli('validate', join(ROOT, 'dist/analytics-sessions.k8s.yaml'), join(ROOT, 'dist/payments-ledger.k8s.yaml'));
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^0 errors, \d+ warnings?(?: in \d files?)? \(2 files checked: 3 FlinkDeployment, 1 FlinkSessionJob, 2 FlinkStateSnapshot\)$/m);
  });
});
