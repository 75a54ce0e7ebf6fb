import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HOSTED_FIELDS_CSS, createHostedFieldsApp } from '../../server/hosted-fields.ts';
import type { Queryable } from '../../server/db.ts';

// The look the framing page passes to the hosted card fields (URL parameters, THEME_PARAMS): the
// page and its stylesheet take the colour scheme and theme colours, and nothing else.
const app = createHostedFieldsApp({ db: {} as Queryable, tokenLimit: false });

async function page(query: string): Promise<{ html: string; css: string; csp: string | null }> {
  const response = await app.request(`/hosted-fields.html?origin=http%3A%2F%2Flocalhost%3A5173&${query}`);
  assert.equal(response.status, 200);
  const html = await response.text();
  const href = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1];
  assert.ok(href, 'the page links its stylesheet');
  const css = await (await app.request(href.replace(/&amp;/g, '&'))).text();
  return { html, css, csp: response.headers.get('Content-Security-Policy') };
}

describe('hosted fields page: theme parameters', () => {
  it('uses the passed colour scheme and theme colours, sizes included, under the same strict CSP', async () => {
    const { html, css, csp } = await page('scheme=dark&text=%23e6e8eb&muted=%23a4adb8&surface=%2315181d&border=%238b949e&focus=%2393b4ff&danger=%23ff9b8f80&font=15&radius=10');
    assert.match(html, /<meta name="color-scheme" content="dark">/);
    assert.doesNotMatch(html, /<style|style=/, 'no inline style (the CSP has no style-src)');
    assert.equal(csp, "default-src 'self'; frame-ancestors *");
    assert.ok(css.startsWith(HOSTED_FIELDS_CSS), 'the plain style first');
    const root = css.slice(HOSTED_FIELDS_CSS.length);
    assert.equal(
      root,
      ':root { color-scheme: dark; font-size: 15px; --radius: 10px; --text: #e6e8eb; --muted: #a4adb8; --surface: #15181d; --border: #8b949e; --focus: #93b4ff; --danger: #ff9b8f80; }\n',
    );
    // The plain style reads every one of them.
    for (const name of ['text', 'muted', 'surface', 'border', 'focus', 'danger', 'radius']) assert.ok(HOSTED_FIELDS_CSS.includes(`var(--${name},`), name);
  });

  it('light scheme: the page and its frame agree on light', async () => {
    const { html, css } = await page('scheme=light&surface=%23ffffff');
    assert.match(html, /<meta name="color-scheme" content="light">/);
    assert.match(css, /:root \{ color-scheme: light; --surface: #ffffff; \}\n$/);
  });

  it('drops every value that is not exactly a colour, a scheme or a size: nothing reaches the CSS or the page', async () => {
    const hostile = [
      'scheme=dark%3B%7D*%7Bbackground%3Aurl(//evil.example)',
      'text=red',
      'muted=%23fff',
      'surface=%2315181D',
      'border=%23000000%3B%7D',
      'focus=url(https%3A%2F%2Fevil.example%2Fx)',
      'danger=%2300000g',
      'font=999',
      'radius=-1',
      'radius=1e3',
      'behavior=%23000000',
      'text=%23e6e8eb%0A%7D',
    ].join('&');
    const { html, css } = await page(hostile);
    assert.equal(css, HOSTED_FIELDS_CSS);
    assert.match(html, /<link rel="stylesheet" href="\/hosted-fields.css\?v=[\w-]{16}">/);
    assert.doesNotMatch(html, /evil|color-scheme|behavior/);
  });

  it('links its script and style by the hash of their content, cached as immutable only with the current hash', async () => {
    const { html } = await page('scheme=dark');
    const script = /<script type="module" src="(\/hosted-fields\.js\?v=[\w-]{16})"><\/script>/.exec(html)?.[1];
    const style = /<link rel="stylesheet" href="(\/hosted-fields\.css\?v=[\w-]{16}&amp;scheme=dark)">/.exec(html)?.[1];
    assert.ok(script && style, html);
    for (const url of [script, style.replace(/&amp;/g, '&')]) {
      const current = await app.request(url);
      assert.equal(current.headers.get('Cache-Control'), 'public, max-age=31536000, immutable', url);
      await current.body?.cancel();
      for (const stale of [url.replace(/v=[\w-]{16}/, 'v=AAAAAAAAAAAAAAAA'), url.replace(/\?v=[\w-]{16}&?/, '?')]) {
        const response = await app.request(stale);
        assert.equal(response.headers.get('Cache-Control'), 'no-cache', stale);
        await response.body?.cancel();
      }
    }
    const code = await (await app.request(script)).text();
    assert.ok(code.includes('acct-hf:ready'));
  });

  it('the stylesheet alone validates its query too', async () => {
    const css = await (await app.request('/hosted-fields.css?text=%23e6e8eb%7D%20body%7Bdisplay%3Anone&surface=%23101010')).text();
    assert.equal(css, `${HOSTED_FIELDS_CSS}:root { --surface: #101010; }\n`);
  });
});
