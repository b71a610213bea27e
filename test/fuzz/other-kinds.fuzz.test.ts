/**
 * Property tests for the FlinkSessionJob / FlinkStateSnapshot rules and constructs: FUZZ_RUNS
 * (default 200) cases per property, as the other fuzz suites.
 */
import { Chart, Testing } from 'cdk8s';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlinkSessionCluster, FlinkSessionJob, FlinkStateSnapshot, FlinkVersion, JobReference, OperatorVersion, Snapshot, UpgradeMode } from '../../src';
import { RULES, validateDocuments } from '../../src/validation';
import { checkJarUri, isRestrictedHost, jarUriPolicy } from '../../src/validation/jar-uri';
import { isOwnValidationError } from './harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined;
const params = { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) };
const KINDS = new Set(['syntax', 'no-scheme', 'scheme', 'no-host', 'restricted-host', undefined]);
const IDS = new Set(RULES.map((r) => r.id));

describe('jarURI check, any input', () => {
  it('never throws, answers with a known kind; https URLs of public names are never restricted', () => {
    const policy = jarUriPolicy();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.webUrl(), fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true })), (uri) => {
        const p = checkJarUri(uri, policy);
        expect(KINDS.has(p?.kind)).toBe(true);
        if (p?.kind === 'restricted-host') expect(isRestrictedHost(p.host!)).toBe(true);
      }),
      params,
    );
  });

  it('every IPv4 literal is judged exactly as java.net.InetAddress classifies it', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const [a, b] = ip.split('.').map(Number);
        const expected = a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || ip === '0.0.0.0' || (a >= 224 && a <= 239);
        expect(isRestrictedHost(ip)).toBe(expected);
      }),
      params,
    );
  });
});

const anyJson = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 2 }));

describe('validate on mutated session jobs and snapshots', () => {
  it('never throws; every finding names a catalogue rule', () => {
    const base = () => [
      { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: { name: 's', namespace: 'n' }, spec: { image: 'flink:1.20', flinkVersion: 'v1_20', serviceAccount: 'flink', jobManager: { resource: { memory: '1g' } }, taskManager: { resource: { memory: '1g' } } } },
      { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkSessionJob', metadata: { name: 'j', namespace: 'n' }, spec: { deploymentName: 's', job: { jarURI: 'https://a.example.com/j.jar', parallelism: 1, upgradeMode: 'savepoint' } } },
      { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkStateSnapshot', metadata: { name: 'x', namespace: 'n' }, spec: { savepoint: {}, jobReference: { kind: 'FlinkSessionJob', name: 'j' } } },
    ];
    const paths = ['spec', 'spec.job', 'spec.deploymentName', 'spec.job.jarURI', 'spec.job.parallelism', 'spec.savepoint', 'spec.checkpoint', 'spec.jobReference', 'spec.jobReference.name', 'spec.jobReference.kind', 'spec.flinkConfiguration', 'metadata.namespace', 'kind'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.constantFrom(...paths), anyJson, (which, path, value) => {
        const docs: any[] = base();
        const segs = path.split('.');
        let o = docs[which];
        for (const s of segs.slice(0, -1)) o = o[s] = typeof o[s] === 'object' && o[s] !== null ? o[s] : {};
        o[segs[segs.length - 1]] = value;
        for (const v of OperatorVersion.all()) {
          for (const f of validateDocuments(docs, { operatorVersion: v }).flat()) expect(IDS.has(f.rule)).toBe(true);
        }
      }),
      params,
    );
  });
});

describe('constructs, any props', () => {
  it('a session job and a snapshot either synthesize (and pass validate) or fail with our validation error', () => {
    fc.assert(
      fc.property(
        fc.record({
          jarURI: fc.oneof(fc.constant('https://artifacts.example.com/j.jar'), fc.constant('s3://b/j.jar'), fc.webUrl(), fc.string()),
          parallelism: fc.integer({ min: -1, max: 8 }),
          upgrade: fc.constantFrom(UpgradeMode.SAVEPOINT, UpgradeMode.LAST_STATE, UpgradeMode.STATELESS),
          savepointsDir: fc.option(fc.constant('s3://b/sp'), { nil: undefined }),
          clusterSavepoints: fc.boolean(),
          version: fc.constantFrom(...OperatorVersion.all()),
          snapshot: fc.constantFrom('savepoint', 'checkpoint', 'existing'),
          name: fc.oneof(fc.constant('clicks'), fc.string({ maxLength: 50 })),
        }),
        (p) => {
          const chart = new Chart(Testing.app(), 'fuzz', { namespace: 'n' });
          try {
            const cluster = new FlinkSessionCluster(chart, 'C', {
              name: 'shared',
              operatorVersion: p.version,
              image: 'flink:1.20.1',
              flinkVersion: FlinkVersion.V1_20,
              jobManager: { memory: '1g' },
              taskManager: { memory: '1g' },
              checkpointsDir: 's3://b/cp',
              ...(p.clusterSavepoints ? { savepointsDir: 's3://b/csp' } : {}),
            });
            const job = new FlinkSessionJob(chart, 'J', { name: p.name, cluster, savepointsDir: p.savepointsDir, job: { jarURI: p.jarURI, parallelism: p.parallelism, upgradeMode: p.upgrade } });
            new FlinkStateSnapshot(chart, 'S', {
              name: 'snap',
              operatorVersion: p.version,
              snapshot: p.snapshot === 'savepoint' ? Snapshot.savepoint() : p.snapshot === 'checkpoint' ? Snapshot.checkpoint() : Snapshot.existingSavepoint('s3://b/sp/savepoint-1'),
              jobReference: JobReference.sessionJob(job),
            });
            const errors = chart.node.findAll().flatMap((c) => c.node.validate());
            if (errors.length > 0) return;
            const out = Testing.synth(chart);
            expect(validateDocuments(out, { operatorVersion: p.version }).flat().filter((f) => f.severity === 'error')).toEqual([]);
          } catch (e) {
            if (!isOwnValidationError(e)) throw e;
          }
        },
      ),
      { ...params, numRuns: Math.max(20, Math.ceil(RUNS / 4)) },
    );
  });
});
