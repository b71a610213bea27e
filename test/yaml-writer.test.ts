import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyDocuments } from '../src/yaml-writer';

/** Strings the YAML 1.1 schema, the plain-style rules or the quoting rules treat specially. */
const TRICKY = [
  'yes', 'No', 'ON', 'off', 'y', 'n', 'Y', 'true', 'False', 'null', 'Null', '~', '', ' ', 'a ', ' a',
  '0', '-1', '+1', '007', '0o17', '0x1F', '0b101', '1_000', '1:20', '190:20:30', '1.5', '.5', '1e3', '-.inf', '.NaN',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '<<', '=', '-', '?', '- a', '? a', 'a: b', 'a:', 'a #b', 'a#b', '#a',
  '&a', '*a', '!a', '|', '>', "'a'", '"a"', "it's", 'say "hi"', `both ' and "`, 'back\\slash', '%YAML', '---', '--- a',
  '...', 'a\nb', 'tab\there', 'ünï', '😀', '\u0007', 'a,b', '[a]', '{a}', '@x', '`x', 's3://b/p', '-javaagent:/x.jar',
  '10 s', '2048m', 'x'.repeat(1030), 'k'.repeat(1025),
];

const scalarArb = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const keyArb = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 10 }));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarArb, tie('list'), tie('map')),
  list: fc.array(tie('tree'), { maxLength: 4 }),
  map: fc.dictionary(keyArb, tie('tree'), { maxKeys: 5 }),
}));

describe('stringifyDocuments: byte-identical to cdk8s Yaml.stringify', () => {
  it('on generated documents, tricky strings and numbers included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tree, fc.dictionary(keyArb, tree)), { maxLength: 4 }), (docs) => {
        expect(stringifyDocuments(docs)).toBe(Yaml.stringify(...docs));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });

  it.each(TRICKY.map((s) => [s]))('a value and a key %j', (s) => {
    const docs = [{ k: s, list: [s, { [s]: s }] }, { [s]: [s] }];
    expect(stringifyDocuments(docs)).toBe(Yaml.stringify(...docs));
  });

  it('an object that occurs twice in a document (the library writes an anchor and alias)', () => {
    const shared = { a: 1 };
    const docs = [{ x: shared, y: shared }];
    expect(stringifyDocuments(docs)).toBe(Yaml.stringify(...docs));
    expect(stringifyDocuments(docs)).toContain('&');
  });

  it('quotes what would read back as another type, plain otherwise', () => {
    expect(stringifyDocuments([{ a: 'true', b: '3', c: 'yes', d: 'plain text', e: 's3://b/p', f: '"hi" there' }])).toBe(
      'a: "true"\nb: "3"\nc: "yes"\nd: plain text\ne: s3://b/p\nf: \'"hi" there\'\n',
    );
  });
});

describe('stringifyDocuments on what the constructs emit', () => {
  it('the bench fleet (every job mode, 200 jobs) and the example app', async () => {
    const { App } = await import('cdk8s');
    const { buildFleetApp, fleet } = await import('../bench/fleet');
    const { buildApp } = await import('../src/main');
    const apps = [buildFleetApp(new App({ outdir: '/nonexistent' }), fleet(200)), buildApp(new App({ outdir: '/nonexistent' }))];
    let documents = 0;
    for (const app of apps) {
      for (const chart of app.charts) {
        const docs = chart.toJson();
        documents += docs.length;
        expect(stringifyDocuments(docs)).toBe(Yaml.stringify(...docs));
      }
    }
    expect(documents).toBeGreaterThan(400);
  });
});
