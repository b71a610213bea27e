/**
 * One problem with a construct's props, as reported by `FlinkJob.check()` /
 * `BlueGreenFlinkJob.check()` and in the synth error. A plain type of its own so the public
 * declarations never reach the schema library that finds these problems.
 */
export interface PropProblem {
  /** Dotted path of the prop in the props object, e.g. `jobManager.memory`; `(props)` for the whole object. */
  readonly path: string;
  /** What is wrong and how to fix it, in terms of the props (not of the YAML they become). */
  readonly message: string;
}
