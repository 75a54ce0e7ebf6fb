/**
 * Counts constructions of an `Intl` formatter class while `run` executes. The code under test
 * reads `Intl.X` at call time, so a counting proxy sees every formatter it creates.
 */
export function countIntlConstructions(name: 'NumberFormat' | 'DateTimeFormat', run: () => void): number {
  const intl = Intl as unknown as Record<string, new (...args: unknown[]) => object>;
  const original = intl[name];
  let constructed = 0;
  intl[name] = new Proxy(original, {
    construct(target, args: unknown[]) {
      constructed++;
      return new target(...args);
    },
  });
  try {
    run();
  } finally {
    intl[name] = original;
  }
  return constructed;
}
