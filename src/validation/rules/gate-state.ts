/**
 * What the gate does to a job's state and to records it cannot place in time: checks for jobs that
 * run the FLIP-504 gate (operator-injected or manifest-wired). Both are warnings: only the job's code
 * knows whether it keeps state past the gate or marks sources idle, and the fix is there.
 *
 * The behaviour behind both is the gate's (`WatermarkGateProcessFunction` of the bluegreen client,
 * flip-504 branch): the old job passes records older than the cutover time T until its own
 * watermark passes T; the new one passes records at or after T, and every record once its own
 * watermark has passed T. test/gate-model shows both effects on random streams.
 */
import { parseFlinkDuration } from '../../duration';
import { confAt, confField, obj, type SpecContext } from '../context';
import type { Finding } from '../finding';
import { finding, show } from '../rule';
import { POSITION } from './gate';

/**
 * Configuration keys that let watermarks advance without some sources (idleness):
 * `table.exec.source.idle-timeout` (Flink `ExecutionConfigOptions.TABLE_EXEC_SOURCE_IDLE_TIMEOUT`,
 * default 0 = off), and the per-table option `scan.watermark.idle-timeout` (FLIP-296,
 * `FactoryUtil.WATERMARK_IDLE_TIMEOUT`) when it is given as a configuration default.
 */
export const IDLENESS_KEYS = ['table.exec.source.idle-timeout', 'scan.watermark.idle-timeout'] as const;

export function gateStateFindings(ctx: SpecContext): Finding[] {
  return [...positionState(ctx), ...idleSources(ctx)];
}

function positionState(ctx: SpecContext): Finding[] {
  const position = ctx.conf.values.get(POSITION);
  if (position !== 'AFTER_SOURCE') return [];
  const mode = obj(ctx.spec.job)?.upgradeMode;
  if (mode === undefined || mode === 'stateless') return [];
  return [
    finding('GATE-POSITION-STATE', {
      path: confAt(ctx, POSITION),
      value: position,
      message:
        `${confField(ctx, POSITION)} is "AFTER_SOURCE" on a stateful job (upgradeMode ${show(mode)}): the new job restores its state from the savepoint, ` +
        'and its gate then drops every record before the cutover time T, so windows, aggregations and joins that span T miss the records between the savepoint and T ' +
        '(the old job emitted their results, but the state the new job keeps does not contain them)',
      fix: 'use BEFORE_SINK (the default: the whole pipeline runs in both jobs and only output is gated), or keep AFTER_SOURCE only if no state spans the cutover (stateless maps and filters)',
    }),
  ];
}

function idleSources(ctx: SpecContext): Finding[] {
  const out: Finding[] = [];
  for (const key of IDLENESS_KEYS) {
    const value = ctx.conf.values.get(key);
    if (value === undefined) continue;
    const ms = parseFlinkDuration(value);
    if (ms === 0) continue;
    out.push(
      finding('GATE-IDLE-SOURCES', {
        path: confAt(ctx, key),
        value,
        message:
          `${confField(ctx, key)} is ${show(value)}: sources are marked idle after that long without records, and watermarks then advance without them. ` +
          'Idleness is detected on processing time, so the old and the new job mark different subtasks idle at different records: a record of an idle subtask that arrives after the ' +
          "gate's watermark passed the cutover time T is held by the old job and dropped by a new job whose watermark is still before T (lost), or passed by both (duplicated)",
        fix:
          'check that every source split gets records around the cutover time, or that records older than the watermark are dropped before the gate anyway; before merging complete(), ' +
          "check that the old job's gate watermark is past T on every subtask (Flink web UI, Watermarks tab); schedule T when no source is idle",
      }),
    );
  }
  return out;
}
