/**
 * The test gateway's hosted card fields, on a second origin (its own port), like Stripe Elements:
 * the card number is typed into this origin's iframe and only a single-use token reaches the host
 * API (PCI DSS SAQ A, R9).
 *
 *   GET  /hosted-fields.html?origin=<framing page's origin>&locale=<BCP 47>   the page (en, de, fr, es, ja, ar)
 *        &scheme=light|dark&text=#rrggbb&…                                    its look (THEME_PARAMS)
 *   GET  /hosted-fields.js?v=<hash>, /hosted-fields.css?v=<hash>&<the look>   its script and style
 *        (the page links them with the hash of their content: with it, they are cached as immutable)
 *   POST /tokens {number, exp_month, exp_year, cvc} → 201 {token} | 422 errors on number/expiry/cvc
 *
 * The postMessage protocol is in server/hosted-fields-client.ts and docs/test-gateway.md.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { testCardOutcome } from '../src/api/fixtures/test-gateway.js';
import { detectCardBrand, digitsOnly, validateCardNumber, validateCvc, validateExpiry } from '../src/api/validators.js';
import type { Queryable } from './db.js';
import { readJsonBody, sendProblem, type Env } from './http.js';
import { clientAddress, DEFAULT_RATE_LIMITS, RateLimiter, type RateLimit } from './rate-limit.js';
import { HttpProblem } from './problem.js';

export interface HostedFieldsOptions {
  db: Queryable;
  /** CSP frame-ancestors: who may frame the page. Default `*` (any host page). */
  frameAncestors?: string[];
  /** Card tokens per client address (server/rate-limit.ts); default DEFAULT_RATE_LIMITS.clients, `false` for none. */
  tokenLimit?: RateLimit | false;
}

/** How long a card token can be saved as a payment method. */
export const CARD_TOKEN_TTL_MS = 15 * 60_000;

const TokenRequest = z.strictObject({
  number: z.string().check(z.maxLength(64)),
  exp_month: z.int(),
  exp_year: z.int(),
  cvc: z.string().check(z.maxLength(16)),
});

type Language = 'en' | 'de' | 'fr' | 'es' | 'ja' | 'ar';

/** The page's labels in each language of the elements (keep in step with MESSAGES in hosted-fields-client.ts). */
export const LABELS: Record<Language, { title: string; number: string; expiry: string; placeholder: string; cvc: string }> = {
  en: { title: 'Card details', number: 'Card number', expiry: 'Expiry date (MM/YY)', placeholder: 'MM/YY', cvc: 'Security code (CVC)' },
  de: { title: 'Kartendaten', number: 'Kartennummer', expiry: 'Ablaufdatum (MM/JJ)', placeholder: 'MM/JJ', cvc: 'Sicherheitscode (CVC)' },
  fr: { title: 'Données de la carte', number: 'Numéro de carte', expiry: 'Date d’expiration (MM/AA)', placeholder: 'MM/AA', cvc: 'Code de sécurité (CVC)' },
  es: { title: 'Datos de la tarjeta', number: 'Número de tarjeta', expiry: 'Fecha de caducidad (MM/AA)', placeholder: 'MM/AA', cvc: 'Código de seguridad (CVC)' },
  ja: { title: 'カード情報', number: 'カード番号', expiry: '有効期限（MM/YY）', placeholder: 'MM/YY', cvc: 'セキュリティコード（CVC）' },
  ar: { title: 'بيانات البطاقة', number: 'رقم البطاقة', expiry: 'تاريخ انتهاء الصلاحية (MM/YY)', placeholder: 'MM/YY', cvc: 'رمز الأمان (CVC)' },
};

/** Languages written right to left: the page gets `dir="rtl"`. */
const RTL = new Set<Language>(['ar']);

/** A BCP 47 tag we may echo into `lang` (letters, digits and hyphens only). */
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;

/** The language of a BCP 47 tag if the page has it (`fr-CA` → `fr`), else English. */
function languageOf(locale: string | undefined): Language {
  if (locale === undefined || !LOCALE.test(locale)) return 'en';
  const language = locale.toLowerCase().split('-')[0];
  return Object.hasOwn(LABELS, language) ? (language as Language) : 'en';
}

/**
 * The look the framing page passes as URL parameters (HostedFieldsTokenizer reads them from the
 * element around the frame): its colour scheme, six colours and two sizes. Only values matching
 * these patterns pass, re-serialised by us, so a parameter can never carry CSS of its own; anything
 * else is dropped and the default applies. They reach the page as the query of its stylesheet
 * (`default-src 'self'` allows it; no inline style needed).
 */
export const THEME_PARAMS = {
  scheme: /^(light|dark)$/,
  text: /^#[0-9a-f]{6}([0-9a-f]{2})?$/,
  muted: /^#[0-9a-f]{6}([0-9a-f]{2})?$/,
  surface: /^#[0-9a-f]{6}([0-9a-f]{2})?$/,
  border: /^#[0-9a-f]{6}([0-9a-f]{2})?$/,
  focus: /^#[0-9a-f]{6}([0-9a-f]{2})?$/,
  danger: /^#[0-9a-f]{6}([0-9a-f]{2})?$/,
  /** px, 10-32 */
  font: /^(1\d|2\d|3[0-2])(\.\d{1,2})?$/,
  /** px, 0-24 */
  radius: /^(1?\d|2[0-4])(\.\d{1,2})?$/,
} as const;
export type HostedFieldsTheme = Partial<Record<keyof typeof THEME_PARAMS, string>>;

/** The theme parameters of a request that match their pattern; the others are dropped. */
export function themeOf(query: (name: string) => string | undefined): HostedFieldsTheme {
  const theme: HostedFieldsTheme = {};
  for (const [name, pattern] of Object.entries(THEME_PARAMS) as Array<[keyof typeof THEME_PARAMS, RegExp]>) {
    const value = query(name);
    if (value !== undefined && pattern.test(value)) theme[name] = value;
  }
  return theme;
}

/** The stylesheet for a theme: the plain one, then the theme's values as its custom properties. */
export function hostedFieldsCss(theme: HostedFieldsTheme): string {
  const { scheme, font, radius, ...colours } = theme;
  const values = [
    scheme && `color-scheme: ${scheme}`,
    font && `font-size: ${font}px`,
    radius && `--radius: ${radius}px`,
    ...Object.entries(colours).map(([name, value]) => `--${name}: ${value}`),
  ].filter(Boolean);
  return values.length ? `${HOSTED_FIELDS_CSS}:root { ${values.join('; ')}; }\n` : HOSTED_FIELDS_CSS;
}

/**
 * The page in the locale's language (en, de, fr, es, ja, ar; English for everything else): `lang`
 * is the tag as given when the page has its language, else `en`; Arabic pages are `dir="rtl"`.
 * The inputs stay `dir="ltr"` in every language: card numbers, dates and codes are Latin digits,
 * and grouped digits in a right-to-left field would show their groups in reverse order.
 */
export function hostedFieldsPage(locale: string | undefined, theme: HostedFieldsTheme = {}, scriptVersion?: string): string {
  const language = languageOf(locale);
  const lang = language === 'en' ? 'en' : locale!;
  const t = LABELS[language];
  const dir = RTL.has(language) ? ' dir="rtl"' : '';
  const query = new URLSearchParams({ v: CSS_VERSION, ...theme }).toString().replace(/&/g, '&amp;');
  const field = (id: string, label: string, attrs: string) => `
    <div class="field ${id}">
      <label for="${id}">${label}</label>
      <input id="${id}" type="text" dir="ltr" inputmode="numeric" autocorrect="off" spellcheck="false" required aria-describedby="${id}-error" ${attrs}>
      <p class="error" id="${id}-error"></p>
    </div>`;
  return `<!doctype html>
<html lang="${lang}"${dir}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${t.title}</title>${theme.scheme ? `\n  <meta name="color-scheme" content="${theme.scheme}">` : ''}
  <link rel="stylesheet" href="/hosted-fields.css?${query}">
  <script type="module" src="/hosted-fields.js${scriptVersion ? `?v=${scriptVersion}` : ''}"></script>
</head>
<body>
  <form id="card" novalidate>${field('number', t.number, 'name="cardnumber" autocomplete="cc-number" maxlength="26"')}
    <div class="row">${field('expiry', t.expiry, `name="exp-date" autocomplete="cc-exp" placeholder="${t.placeholder}" maxlength="9"`)}${field('cvc', t.cvc, 'name="cvc" autocomplete="cc-csc" maxlength="4"')}
    </div>
  </form>
</body>
</html>
`;
}

/**
 * The fields as the elements draw theirs (src/core/form-styles.ts, with the elements' default
 * colours): labels of weight 500 at the text size, 2.5rem inputs, room for one error line per
 * field. The body is transparent: with the frame's colour scheme equal to the page's
 * (HostedFieldsTokenizer sets both), the page shows through. 4px around the form hold the focus
 * ring; the tokenizer pulls the frame out by as much, so the inputs line up with the page's.
 * In a row, labels share a track: a wrapped label does not push its input below its neighbour's.
 */
export const HOSTED_FIELDS_CSS = `:root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0; background: transparent; color: var(--text, light-dark(#1f2328, #e6e8eb)); }
form { display: grid; gap: 0.25rem; padding: 4px; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
.field { display: grid; gap: 0.25rem; }
.row .field { grid-row: span 3; grid-template-rows: subgrid; }
label { font-weight: 500; }
input { box-sizing: border-box; font: inherit; min-height: 2.5rem; padding: 0 0.5rem; min-width: 0;
  border: 1px solid var(--border, light-dark(#6e7781, #8b949e)); border-radius: var(--radius, 6px);
  background: var(--surface, light-dark(#ffffff, #15181d)); color: inherit; }
input::placeholder { color: var(--muted, light-dark(#57606a, #a4adb8)); }
input:focus-visible { outline: 2px solid var(--focus, light-dark(#1d4ed8, #93b4ff)); outline-offset: 2px; }
input[aria-invalid="true"] { border-color: var(--danger, light-dark(#b42318, #ff9b8f)); box-shadow: inset 0 0 0 1px var(--danger, light-dark(#b42318, #ff9b8f)); }
.error { margin: 0; min-height: 1.25rem; font-size: 0.875em; font-weight: 500; color: var(--danger, light-dark(#b42318, #ff9b8f)); }
`;

/** A short hash of a file's content: its URLs change whenever it does, so they may be cached for good. */
const versionOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);
const CSS_VERSION = versionOf(HOSTED_FIELDS_CSS);
/** With the current hash a response never changes; anything else (no `v`, an old one) is revalidated. */
const cacheControl = (given: string | undefined, current: string) => (given === current ? 'public, max-age=31536000, immutable' : 'no-cache');

let script: Promise<{ code: string; version: string }> | undefined;
/** The page's script: hosted-fields-client.ts with the validators, bundled once per process. */
function hostedFieldsScript(): Promise<{ code: string; version: string }> {
  script ??= import('esbuild')
    .then(({ build }) =>
      build({
        entryPoints: [fileURLToPath(new URL('./hosted-fields-client.ts', import.meta.url))],
        bundle: true,
        write: false,
        format: 'esm',
        target: 'es2020',
        minify: true,
        legalComments: 'none',
        logLevel: 'silent',
      }),
    )
    .then((result) => ({ code: result.outputFiles[0].text, version: versionOf(result.outputFiles[0].text) }));
  script.catch(() => {
    script = undefined;
  });
  return script;
}

export function createHostedFieldsApp({ db, frameAncestors = ['*'], tokenLimit = DEFAULT_RATE_LIMITS.clients }: HostedFieldsOptions): Hono<Env> {
  const tokens = tokenLimit ? new RateLimiter(tokenLimit) : undefined;
  const app = new Hono<Env>();
  const csp = `default-src 'self'; frame-ancestors ${frameAncestors.join(' ')}`;
  // Bundled now, not on the first page request: the page links the script by its hash.
  void hostedFieldsScript().catch(() => undefined);

  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
  });
  app.onError((error, c) => {
    if (error instanceof HttpProblem) return sendProblem(c, error);
    console.error(JSON.stringify({ level: 'error', request_id: c.get('requestId'), path: c.req.path, error: String(error) }));
    return sendProblem(c, new HttpProblem(500, 'internal_error', 'The server failed to handle this request.'));
  });
  app.notFound((c) => sendProblem(c, new HttpProblem(404, 'not_found', `No resource at ${c.req.path}.`)));

  app.get('/hosted-fields.html', async (c) => {
    const { version } = await hostedFieldsScript();
    return c.html(hostedFieldsPage(c.req.query('locale'), themeOf((name) => c.req.query(name)), version), 200, {
      'Content-Security-Policy': csp,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
  });
  // The look is in the URL, so a stylesheet URL names one response too.
  app.get('/hosted-fields.css', (c) =>
    c.body(hostedFieldsCss(themeOf((name) => c.req.query(name))), 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': cacheControl(c.req.query('v'), CSS_VERSION) }),
  );
  app.get('/hosted-fields.js', async (c) => {
    const { code, version } = await hostedFieldsScript();
    return c.body(code, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': cacheControl(c.req.query('v'), version) });
  });

  // Validates with the shared validators, keeps only brand, last 4, expiry and the test outcome.
  app.post('/tokens', async (c) => {
    tokens?.check(clientAddress(c.env), 'card tokens from this address');
    const card = await readJsonBody(c, TokenRequest);
    const number = digitsOnly(card.number);
    const brand = detectCardBrand(number);
    const errors = [
      { field: 'number', code: validateCardNumber(card.number) },
      { field: 'expiry', code: validateExpiry(card.exp_month, card.exp_year) },
      { field: 'cvc', code: validateCvc(card.cvc, brand) },
    ].flatMap(({ field, code }) => (code ? [{ field, code, message: TOKEN_ERRORS[code] ?? code }] : []));
    if (errors.length) throw new HttpProblem(422, 'validation_failed', `The card was not accepted: ${errors.map((e) => e.field).join(', ')}`, errors);
    const token = `tok_${randomBytes(18).toString('base64url')}`;
    await db.query(
      `INSERT INTO card_tokens (token, brand, last4, exp_month, exp_year, outcome, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [token, brand, number.slice(-4), card.exp_month, card.exp_year, testCardOutcome(number), new Date(Date.now() + CARD_TOKEN_TTL_MS).toISOString()],
    );
    return c.json({ token }, 201);
  });

  for (const [path, allow] of [['/hosted-fields.html', 'GET'], ['/hosted-fields.js', 'GET'], ['/hosted-fields.css', 'GET'], ['/tokens', 'POST']]) {
    app.all(path, (c) => sendProblem(c, new HttpProblem(405, 'method_not_allowed', `${c.req.method} is not allowed here; use ${allow}.`, undefined, { Allow: allow })));
  }
  return app;
}

/** English messages of the token endpoint's field errors (the page shows its own, localised by code). */
const TOKEN_ERRORS: Record<string, string> = {
  required: 'required',
  invalid_characters: 'only digits are allowed',
  length: 'wrong number of digits',
  checksum: 'not a valid card number',
  invalid: 'not a valid month and year',
  expired: 'the card has expired',
  too_far: 'too far in the future',
};
