/**
 * IMAGE-REFERENCE: every image of a Flink spec (the spec's own, and every container and init
 * container of its pod templates) must follow the image reference grammar (see image-ref.ts).
 */
import { at, obj, type SpecContext } from '../context';
import type { Finding } from '../finding';
import { imageReferenceProblem } from '../image-ref';
import { finding, show } from '../rule';

function check(ctx: SpecContext, image: unknown, segs: ReadonlyArray<string | number>, who: string): Finding[] {
  if (typeof image !== 'string') return [];
  const problem = imageReferenceProblem(image);
  if (!problem) return [];
  return [
    finding('IMAGE-REFERENCE', {
      path: at(ctx, ...segs),
      value: image,
      message: `${who} ${show(image)} ${problem}: the kubelet refuses to pull it (InvalidImageName) and the pod never starts`,
      fix: 'write it as registry.example.com/team/name:tag or name@sha256:<64 hex digits> (lower-case path, no spaces or shell characters)',
    }),
  ];
}

/** IMAGE-REFERENCE findings for one Flink spec. */
export function imageReferenceFindings(ctx: SpecContext): Finding[] {
  const out = check(ctx, ctx.spec.image, ['image'], 'the image');
  const templates: Array<[unknown, string[]]> = [
    [ctx.spec.podTemplate, ['podTemplate']],
    [obj(ctx.spec.jobManager)?.podTemplate, ['jobManager', 'podTemplate']],
    [obj(ctx.spec.taskManager)?.podTemplate, ['taskManager', 'podTemplate']],
  ];
  for (const [template, segs] of templates) {
    const pod = obj(obj(template)?.spec);
    if (!pod) continue;
    for (const list of ['initContainers', 'containers'] as const) {
      const containers = pod[list];
      if (!Array.isArray(containers)) continue;
      containers.forEach((c, i) => {
        const container = obj(c);
        if (container) out.push(...check(ctx, container.image, [...segs, 'spec', list, i, 'image'], `the image of ${list === 'initContainers' ? 'init container' : 'container'} ${show(container.name ?? i)}`));
      });
    }
  }
  return out;
}
