import type { Duration } from './duration';
import type { TypedConfigEntry } from './spec/flink-configuration';
import type { PropProblem } from './prop-problem';

/**
 * Where the gate operator is placed in the job graph (`bluegreen.gate.injection.position`), and so
 * what the new job's state sees. The gate passes, in the old job, records before the cutover time
 * T and, in the new job, records at or after T (`WatermarkGateProcessFunction`); everything
 * downstream of it sees only what it passes.
 */
export class GatePosition {
  /**
   * In front of the single sink (the default, and the right choice for stateful jobs): the whole
   * pipeline runs in both jobs, the new job's operators restore their state from the savepoint and
   * see every record after it; only the output is gated. Needs exactly one sink.
   */
  public static readonly BEFORE_SINK = new GatePosition('BEFORE_SINK');
  /**
   * Right after the single source. The new job's operators never see records before T, so state
   * that spans the cutover (windows, aggregations, joins) restored from the savepoint misses the
   * records between the savepoint and T: only for jobs without such state. A stateful job with this
   * position gets warning GATE-POSITION-STATE. Needs exactly one source.
   */
  public static readonly AFTER_SOURCE = new GatePosition('AFTER_SOURCE');

  private constructor(public readonly value: 'BEFORE_SINK' | 'AFTER_SOURCE') {}

  public toString(): string {
    return this.value;
  }
}

/** Options of the FLIP-504 watermark gate. Give exactly one extractor. */
export interface WatermarkGateOptions {
  /**
   * Dot path to a `long` epoch-millisecond field or getter of the record POJO, e.g. `eventTime`.
   * @default - not set
   */
  readonly fieldPath?: string;
  /**
   * Fully qualified class implementing the client's `WatermarkExtractor<T>` (no-arg constructor, serializable).
   * @default - not set
   */
  readonly extractorClass?: string;
  /**
   * Column index of a BIGINT/TIMESTAMP column of `RowData` records (SQL / Table jobs).
   * @default - not set
   */
  readonly fieldIndex?: number;
  /**
   * Where the gate goes.
   * @default GatePosition.BEFORE_SINK
   */
  readonly position?: GatePosition;
  /**
   * Uid of the operator to gate in front of, for sinks whose last node sees no records.
   * Honoured by newer FLIP-504 builds only.
   * @default - the sink itself
   */
  readonly beforeUid?: string;
  /**
   * Bound on the gate phase of a transition (`kubernetes.operator.bluegreen.gate.timeout`); must
   * exceed the deployment deletion delay.
   * @default - the abort grace period
   */
  readonly timeout?: Duration;
}

export const GATE_KEY_PREFIX = 'bluegreen.gate.';

/**
 * The FLIP-504 record-level gate. Rendered as flat `bluegreen.gate.*` flinkConfiguration keys,
 * which is the only form the operator and agent read (a nested map is treated as absent).
 */
export class Gate {
  /** A gate that cuts over on event time, read from each record by one extractor. */
  public static watermark(options: WatermarkGateOptions): Gate {
    return new Gate('WATERMARK', { ...options });
  }

  private constructor(
    public readonly strategy: 'WATERMARK',
    public readonly options: WatermarkGateOptions,
  ) {}

  /** Problems with the options, reported with the construct's other problems. */
  public problems(): PropProblem[] {
    const o = this.options;
    const problems: PropProblem[] = [];
    const given = [
      o.fieldPath !== undefined ? 'fieldPath' : undefined,
      o.extractorClass !== undefined ? 'extractorClass' : undefined,
      o.fieldIndex !== undefined ? 'fieldIndex' : undefined,
    ].filter((x): x is string => x !== undefined);
    if (given.length !== 1) {
      problems.push({
        path: 'gate',
        message:
          given.length === 0
            ? 'Gate.watermark needs exactly one extractor, got none: set fieldPath (POJO records), fieldIndex (SQL/Table RowData) or extractorClass'
            : `Gate.watermark needs exactly one extractor, got ${given.length} (${given.join(', ')}): keep one`,
      });
    }
    if (o.fieldPath !== undefined && !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(o.fieldPath)) {
      problems.push({ path: 'gate.fieldPath', message: `fieldPath "${o.fieldPath}" is not a dot path of Java identifiers (e.g. "eventTime" or "metadata.timestamp")` });
    }
    if (o.extractorClass !== undefined && !/^([a-zA-Z_$][\w$]*\.)*[A-Za-z_$][\w$]*$/.test(o.extractorClass)) {
      problems.push({ path: 'gate.extractorClass', message: `extractorClass "${o.extractorClass}" is not a fully qualified Java class name` });
    }
    if (o.fieldIndex !== undefined && (!Number.isInteger(o.fieldIndex) || o.fieldIndex < 0)) {
      problems.push({ path: 'gate.fieldIndex', message: `fieldIndex must be a column index (an integer ≥ 0), got ${o.fieldIndex}` });
    }
    if (o.position !== undefined && !(o.position instanceof GatePosition)) {
      problems.push({ path: 'gate.position', message: 'position must be GatePosition.BEFORE_SINK or GatePosition.AFTER_SOURCE' });
    }
    return problems;
  }

  /** The flat flinkConfiguration keys of this gate. */
  public configEntries(): TypedConfigEntry[] {
    const o = this.options;
    const entries: TypedConfigEntry[] = [
      { prop: 'gate', key: 'bluegreen.gate.strategy', value: this.strategy },
      { prop: 'gate', key: 'bluegreen.gate.injection.position', value: (o.position ?? GatePosition.BEFORE_SINK).value },
    ];
    if (o.fieldPath !== undefined) entries.push({ prop: 'gate', key: 'bluegreen.gate.watermark.field-path', value: o.fieldPath });
    if (o.extractorClass !== undefined) entries.push({ prop: 'gate', key: 'bluegreen.gate.watermark.extractor-class', value: o.extractorClass });
    if (o.fieldIndex !== undefined) entries.push({ prop: 'gate', key: 'bluegreen.gate.watermark.field-index', value: String(o.fieldIndex) });
    if (o.beforeUid !== undefined) entries.push({ prop: 'gate', key: 'bluegreen.gate.injection.before-uid', value: o.beforeUid });
    return entries;
  }
}
