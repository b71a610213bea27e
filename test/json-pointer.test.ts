/** RFC 6901 escaping, and every output that writes a JSON Pointer through it. */
import { describe, expect, it } from 'vitest';
import { escapeJsonPointerToken, jsonPointer } from '../src/json-pointer';
import { gateRuntimeJsonPointers } from '../src/gitops/gate-configmap';
import { jsonPatch } from '../src/gitops/kustomize';
import { pointer as planPointer } from '../src/plan/diff-fields';
import { pointer as findingPointer } from '../src/validation/finding';

describe('JSON Pointer (RFC 6901)', () => {
  it('escapes ~ as ~0 and / as ~1, ~ first (so a literal "~1" stays literal)', () => {
    expect(escapeJsonPointerToken('a/b')).toBe('a~1b');
    expect(escapeJsonPointerToken('a~b')).toBe('a~0b');
    expect(escapeJsonPointerToken('~1')).toBe('~01');
    expect(escapeJsonPointerToken('/~')).toBe('~1~0');
    expect(escapeJsonPointerToken(3)).toBe('3');
    expect(jsonPointer('metadata', 'annotations', 'example.com/owner~x')).toBe('/metadata/annotations/example.com~1owner~0x');
    expect(jsonPointer()).toBe('');
  });

  it('finding paths, plan paths, Kustomize patches and Argo CD jsonPointers all escape', () => {
    expect(findingPointer('spec', 'flinkConfiguration', 'a/b~c')).toBe('/spec/flinkConfiguration/a~1b~0c');
    expect(planPointer('/spec', 'podTemplate', 'x/y~1')).toBe('/spec/podTemplate/x~1y~01');
    expect(jsonPatch({ metadata: { labels: { 'app.kubernetes.io/name': 'a' } } }, { metadata: { labels: { 'app.kubernetes.io/name': 'b', 'x~y': 'c' } } })).toEqual([
      { op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'b' },
      { op: 'add', path: '/metadata/labels/x~0y', value: 'c' },
    ]);
    expect(gateRuntimeJsonPointers('dynamic')).toEqual(['/data/stage', '/data/watermark-toggle-value', '/data/watermark-stage']);
  });
});
