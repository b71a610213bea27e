/**
 * A function of one string, remembered: for the checks that judge the same few hundred keys
 * (configuration keys, label and annotation keys) in every job of a fleet. The memory is bounded:
 * when it holds `max` answers it starts over, so a hostile input of millions of distinct keys
 * costs time, never unbounded memory. `fn` must depend on its argument only.
 */
export function memoByString<V>(fn: (key: string) => V, max = 10_000): (key: string) => V {
  const answers = new Map<string, V>();
  return (key: string): V => {
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as V;
    if (answers.size >= max) answers.clear();
    const answer = fn(key);
    answers.set(key, answer);
    return answer;
  };
}
