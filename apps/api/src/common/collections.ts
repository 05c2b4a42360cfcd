/** The items without repeats, in first-seen order. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** What is in one list and not the other: e.g. who joined or left. */
export function symmetricDifference<T>(a: readonly T[], b: readonly T[]): T[] {
  const setA = new Set(a);
  const setB = new Set(b);
  return [...a.filter((x) => !setB.has(x)), ...b.filter((x) => !setA.has(x))];
}
