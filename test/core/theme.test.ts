import { expect } from '@open-wc/testing';
import { baseStyles } from '../../src/core/styles.js';
import { formStyles } from '../../src/core/form-styles.js';

/** `--acct-x: value` declarations of the optional theme file. */
async function themeTokens(): Promise<Map<string, string>> {
  const css = await (await fetch('/src/themes/default.css')).text();
  return new Map([...css.matchAll(/(--acct-[a-z-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

/** `var(--acct-x, fallback)` pairs inside the shared element styles (all elements, and the forms). */
function elementFallbacks(): Map<string, string> {
  const css = baseStyles.cssText + formStyles.cssText;
  const pairs = new Map<string, string>();
  for (const match of css.matchAll(/var\((--acct-[a-z-]+),\s*/g)) {
    // The fallback runs to the parenthesis that closes this var( — it may contain light-dark(…).
    let depth = 1;
    let i = match.index! + match[0].length;
    const start = i;
    for (; i < css.length && depth > 0; i++) {
      if (css[i] === '(') depth++;
      if (css[i] === ')') depth--;
    }
    pairs.set(match[1], css.slice(start, i - 1).trim());
  }
  return pairs;
}

describe('themes/default.css', () => {
  it('declares every global token the elements read, with the elements\' own fallback values', async () => {
    const theme = await themeTokens();
    const fallbacks = elementFallbacks();
    expect(fallbacks.size).to.be.greaterThan(15);
    for (const [token, fallback] of fallbacks) {
      expect(theme.get(token), token).to.equal(fallback);
    }
    expect([...theme.keys()].filter((t) => !fallbacks.has(t)), 'theme tokens no element reads').to.deep.equal([]);
  });
});
