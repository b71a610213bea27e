/** What no operator checks and only fails at run time, for jobs that run the FLIP-504 gate. */
import { at, confAt, field, type SpecContext } from '../context';
import type { Finding } from '../finding';
import { finding, show } from '../rule';
import { POSITION } from './gate';

/** Image tags that imply a Java 11 (or older) JVM: explicit java8/java11, or a Flink 1.x tag without a java17+ suffix. */
export function suggestsJava11(image: string): boolean {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon <= slash) return false;
  const tag = image.slice(colon + 1).split('@')[0];
  if (/java(8|11)\b/.test(tag)) return true;
  return /^1\.\d+/.test(tag) && !/java(1[7-9]|2\d)/.test(tag);
}

export function runtimeWarnings(ctx: SpecContext, injected: boolean): Finding[] {
  const out: Finding[] = [
    finding('RUNTIME-WATERMARKS', {
      path: at(ctx, 'job'),
      message: 'the gate cuts over on event time: the job must assign event-time watermarks and the extracted timestamp must be epoch milliseconds of the same event time, otherwise no cutover happens and the transition is aborted at the gate timeout',
      fix: 'assign a WatermarkStrategy at the source(s) and make sure the extractor returns the event time',
    }),
    finding('RUNTIME-SINGLE-SOURCE-SINK', {
      path: confAt(ctx, POSITION),
      value: ctx.conf.values.get(POSITION) ?? 'BEFORE_SINK',
      message: `gate position ${show(ctx.conf.values.get(POSITION) ?? 'BEFORE_SINK')} needs exactly one ${(ctx.conf.values.get(POSITION) ?? 'BEFORE_SINK') === 'AFTER_SOURCE' ? 'source' : 'sink'} in the job graph; other topologies fail at submission`,
      fix: 'check the job graph, or switch bluegreen.gate.injection.position',
    }),
  ];
  if (injected) {
    out.push(finding('RUNTIME-CLIENT-LIBRARY', {
      path: at(ctx, 'job', 'jarURI'),
      message: 'the job jar must bundle org.apache.flink:flink-kubernetes-operator-bluegreen-client (not "provided"; classifier flink2 for Flink 2.x), otherwise the agent fails the job at submission',
      fix: 'add flink-kubernetes-operator-bluegreen-client with compile scope to the job build',
    }));
    const image = ctx.spec.image;
    if (typeof image === 'string' && suggestsJava11(image)) {
      out.push(finding('RUNTIME-JAVA17', {
        path: at(ctx, 'image'), value: image,
        message: `${field(ctx, 'image')} ${show(image)} looks like a Java 11 image: the gate agent is built for Java 17 and the JobManager fails with UnsupportedClassVersionError`,
        fix: 'use a Java 17 image, e.g. flink:1.20-java17 or a Flink 2.x image',
      }));
    }
  }
  return out;
}
