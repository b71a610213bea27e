import type { ComponentProps } from './spec/props';

/**
 * Common JobManager/TaskManager sizes, so a platform names a size instead of repeating numbers.
 * Memory is Flink's total process memory (`m` = MiB).
 */
export class ResourcePreset {
  /** 1 CPU, 1024m: a JobManager of a small job, or a TaskManager with one light slot. */
  public static readonly SMALL = new ResourcePreset('1024m', 1);
  /** 1 CPU, 2048m: the operator examples' JobManager and TaskManager. */
  public static readonly MEDIUM = new ResourcePreset('2048m', 1);
  /** 2 CPUs, 4096m. */
  public static readonly LARGE = new ResourcePreset('4096m', 2);
  /** 4 CPUs, 8192m. */
  public static readonly XLARGE = new ResourcePreset('8192m', 4);

  /** A size of your own. */
  public static of(memory: string, cpu: number): ResourcePreset {
    return new ResourcePreset(memory, cpu);
  }

  private constructor(
    public readonly memory: string,
    public readonly cpu: number,
  ) {}

  /** As component props (`memory`, `cpu`). */
  public toProps(): ComponentProps {
    return { memory: this.memory, cpu: this.cpu };
  }
}
