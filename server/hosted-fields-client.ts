/// <reference lib="dom" />
/**
 * The script of the hosted card fields page (served as /hosted-fields.js on the second origin,
 * bundled with the shared validators). It talks to the page that frames it with postMessage, only
 * to the origin named in `?origin=` and only accepting messages from it (docs/test-gateway.md):
 *
 *   iframe → parent  {type: 'acct-hf:ready', height}
 *                    {type: 'acct-hf:change', complete, brand?}
 *                    {type: 'acct-hf:result', id, token}
 *                    {type: 'acct-hf:error', id, errors: [{field, code, message}], message?}
 *   parent → iframe  {type: 'acct-hf:tokenize', id}   validate, POST /tokens here, answer result or error
 *                    {type: 'acct-hf:focus'}          focus the card number
 *
 * The card number and CVC never leave this origin except to its own POST /tokens.
 */
import {
  detectCardBrand,
  digitsOnly,
  parseExpiry,
  validateCardNumber,
  validateCvc,
  validateExpiry,
  type CardBrand,
} from '../src/api/validators.js';

type Field = 'number' | 'expiry' | 'cvc';
interface FieldProblem {
  field: Field;
  code: string;
  message: string;
}

// Every language has the same keys (scripts/localize-check.js checks this and the page's LABELS).
const MESSAGES: Record<'en' | 'de' | 'fr' | 'es' | 'ja' | 'ar', Record<string, string>> = {
  en: {
    'number.required': 'Enter the card number.',
    'number.invalid_characters': 'The card number can only contain digits.',
    'number.length': 'The card number is incomplete.',
    'number.checksum': 'The card number is not valid.',
    'expiry.required': 'Enter the expiry date.',
    'expiry.invalid': 'Enter the expiry date as MM/YY.',
    'expiry.expired': 'The card has expired.',
    'expiry.too_far': 'The expiry date is too far in the future.',
    'cvc.required': 'Enter the security code.',
    'cvc.invalid_characters': 'The security code can only contain digits.',
    'cvc.length': 'The security code has 3 digits (4 on American Express cards).',
    unreachable: 'The card could not be checked. Try again.',
  },
  de: {
    'number.required': 'Geben Sie die Kartennummer ein.',
    'number.invalid_characters': 'Die Kartennummer darf nur Ziffern enthalten.',
    'number.length': 'Die Kartennummer ist unvollständig.',
    'number.checksum': 'Die Kartennummer ist ungültig.',
    'expiry.required': 'Geben Sie das Ablaufdatum ein.',
    'expiry.invalid': 'Geben Sie das Ablaufdatum als MM/JJ ein.',
    'expiry.expired': 'Die Karte ist abgelaufen.',
    'expiry.too_far': 'Das Ablaufdatum liegt zu weit in der Zukunft.',
    'cvc.required': 'Geben Sie den Sicherheitscode ein.',
    'cvc.invalid_characters': 'Der Sicherheitscode darf nur Ziffern enthalten.',
    'cvc.length': 'Der Sicherheitscode hat 3 Ziffern (4 bei American-Express-Karten).',
    unreachable: 'Die Karte konnte nicht geprüft werden. Versuchen Sie es erneut.',
  },
  fr: {
    'number.required': 'Saisissez le numéro de carte.',
    'number.invalid_characters': 'Le numéro de carte ne peut contenir que des chiffres.',
    'number.length': 'Le numéro de carte est incomplet.',
    'number.checksum': 'Le numéro de carte n’est pas valide.',
    'expiry.required': 'Saisissez la date d’expiration.',
    'expiry.invalid': 'Saisissez la date d’expiration au format MM/AA.',
    'expiry.expired': 'La carte a expiré.',
    'expiry.too_far': 'La date d’expiration est trop éloignée dans le futur.',
    'cvc.required': 'Saisissez le code de sécurité.',
    'cvc.invalid_characters': 'Le code de sécurité ne peut contenir que des chiffres.',
    'cvc.length': 'Le code de sécurité comporte 3 chiffres (4 sur les cartes American Express).',
    unreachable: 'Impossible de vérifier la carte. Réessayez.',
  },
  es: {
    'number.required': 'Introduzca el número de tarjeta.',
    'number.invalid_characters': 'El número de tarjeta solo puede contener dígitos.',
    'number.length': 'El número de tarjeta está incompleto.',
    'number.checksum': 'El número de tarjeta no es válido.',
    'expiry.required': 'Introduzca la fecha de caducidad.',
    'expiry.invalid': 'Introduzca la fecha de caducidad con el formato MM/AA.',
    'expiry.expired': 'La tarjeta ha caducado.',
    'expiry.too_far': 'La fecha de caducidad es demasiado lejana.',
    'cvc.required': 'Introduzca el código de seguridad.',
    'cvc.invalid_characters': 'El código de seguridad solo puede contener dígitos.',
    'cvc.length': 'El código de seguridad tiene 3 dígitos (4 en las tarjetas American Express).',
    unreachable: 'No se pudo comprobar la tarjeta. Inténtelo de nuevo.',
  },
  ja: {
    'number.required': 'カード番号を入力してください。',
    'number.invalid_characters': 'カード番号には数字のみ使用できます。',
    'number.length': 'カード番号が不完全です。',
    'number.checksum': 'カード番号が無効です。',
    'expiry.required': '有効期限を入力してください。',
    'expiry.invalid': '有効期限を MM/YY の形式で入力してください。',
    'expiry.expired': 'カードの有効期限が切れています。',
    'expiry.too_far': '有効期限が先すぎます。',
    'cvc.required': 'セキュリティコードを入力してください。',
    'cvc.invalid_characters': 'セキュリティコードには数字のみ使用できます。',
    'cvc.length': 'セキュリティコードは 3 桁です（American Express カードは 4 桁）。',
    unreachable: 'カードを確認できませんでした。もう一度お試しください。',
  },
  ar: {
    'number.required': 'أدخل رقم البطاقة.',
    'number.invalid_characters': 'لا يمكن أن يحتوي رقم البطاقة إلا على أرقام.',
    'number.length': 'رقم البطاقة غير مكتمل.',
    'number.checksum': 'رقم البطاقة غير صالح.',
    'expiry.required': 'أدخل تاريخ انتهاء الصلاحية.',
    'expiry.invalid': 'أدخل تاريخ انتهاء الصلاحية بالصيغة MM/YY.',
    'expiry.expired': 'انتهت صلاحية البطاقة.',
    'expiry.too_far': 'تاريخ انتهاء الصلاحية بعيد جدًا في المستقبل.',
    'cvc.required': 'أدخل رمز الأمان.',
    'cvc.invalid_characters': 'لا يمكن أن يحتوي رمز الأمان إلا على أرقام.',
    'cvc.length': 'يتكون رمز الأمان من 3 أرقام (4 أرقام في بطاقات American Express).',
    unreachable: 'تعذّر التحقق من البطاقة. حاول مرة أخرى.',
  },
};

// The page's `lang` (set by hostedFieldsPage from ?locale=) picks the language: `fr-CA` → `fr`.
const language = document.documentElement.lang.toLowerCase().split('-')[0];
const messages = MESSAGES[Object.hasOwn(MESSAGES, language) ? (language as keyof typeof MESSAGES) : 'en'];
const message = (key: string) => messages[key] ?? messages.unreachable;

/** The framing page's origin from `?origin=`, if it is one (scheme, host and port, nothing else). */
function parentOrigin(): string | null {
  const given = new URLSearchParams(location.search).get('origin');
  if (!given) return null;
  try {
    const url = new URL(given);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === given ? given : null;
  } catch {
    return null;
  }
}

const inputs = {
  number: document.getElementById('number') as HTMLInputElement,
  expiry: document.getElementById('expiry') as HTMLInputElement,
  cvc: document.getElementById('cvc') as HTMLInputElement,
};
const FIELDS: readonly Field[] = ['number', 'expiry', 'cvc'];

function brandOf(): CardBrand {
  return detectCardBrand(digitsOnly(inputs.number.value));
}

/** Every problem of the fields, in field order. */
function problems(): FieldProblem[] {
  const found: FieldProblem[] = [];
  const brand = brandOf();
  const number = validateCardNumber(inputs.number.value);
  if (number) found.push({ field: 'number', code: number, message: message(`number.${number}`) });
  const expiryText = inputs.expiry.value.trim();
  const parsed = parseExpiry(expiryText);
  const expiry = expiryText === '' ? 'required' : parsed ? validateExpiry(parsed.month, parsed.year) : 'invalid';
  if (expiry) found.push({ field: 'expiry', code: expiry, message: message(`expiry.${expiry}`) });
  const cvc = validateCvc(inputs.cvc.value, brand);
  if (cvc) found.push({ field: 'cvc', code: cvc, message: message(`cvc.${cvc}`) });
  return found;
}

/** Shows the problems next to their fields (aria-invalid + the described-by text); focuses the first. */
function show(found: FieldProblem[], focus: boolean): void {
  for (const field of FIELDS) {
    const problem = found.find((p) => p.field === field);
    const input = inputs[field];
    if (problem) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    (document.getElementById(`${field}-error`) as HTMLElement).textContent = problem?.message ?? '';
  }
  if (focus && found[0]) inputs[found[0].field].focus();
}

/** Groups the number as printed on the card (4-6-5 for American Express, else groups of 4). */
function formatNumber(): void {
  const digits = digitsOnly(inputs.number.value);
  if (!/^\d+$/.test(digits)) return;
  const groups = brandOf() === 'amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  inputs.number.value = parts.join(' ');
}

function start(origin: string): void {
  const post = (message: object) => window.parent.postMessage(message, origin);
  let last = '';
  const reportChange = () => {
    const brand = brandOf();
    const state = { type: 'acct-hf:change', complete: problems().length === 0, ...(brand === 'unknown' ? {} : { brand }) };
    const key = JSON.stringify(state);
    if (key !== last) post(state);
    last = key;
  };

  async function tokenize(id: unknown): Promise<void> {
    const found = problems();
    if (found.length) {
      show(found, true);
      post({ type: 'acct-hf:error', id, errors: found });
      return;
    }
    show([], false);
    const parsed = parseExpiry(inputs.expiry.value)!;
    let response: Response;
    let body: { token?: string; errors?: Array<{ field: string; code?: string }> };
    try {
      response = await fetch('/tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ number: digitsOnly(inputs.number.value), exp_month: parsed.month, exp_year: parsed.year, cvc: digitsOnly(inputs.cvc.value) }),
      });
      body = await response.json();
    } catch {
      post({ type: 'acct-hf:error', id, errors: [], message: message('unreachable') });
      return;
    }
    if (response.status === 201 && typeof body.token === 'string') {
      post({ type: 'acct-hf:result', id, token: body.token });
      return;
    }
    const refused = (body.errors ?? [])
      .filter((e): e is { field: Field; code?: string } => (FIELDS as readonly string[]).includes(e.field))
      .map((e) => ({ field: e.field, code: e.code ?? 'invalid', message: message(`${e.field}.${e.code}`) }));
    show(refused, true);
    post({ type: 'acct-hf:error', id, errors: refused, ...(refused.length ? {} : { message: message('unreachable') }) });
  }

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== origin || event.source !== window.parent) return;
    const data = event.data as { type?: unknown; id?: unknown } | null;
    if (data?.type === 'acct-hf:tokenize' && (typeof data.id === 'string' || typeof data.id === 'number')) void tokenize(data.id);
    else if (data?.type === 'acct-hf:focus') inputs.number.focus();
  });
  for (const field of FIELDS) {
    inputs[field].addEventListener('input', () => {
      // A corrected field loses its error at once; the others keep theirs until the next attempt.
      if (inputs[field].hasAttribute('aria-invalid')) show(problems().filter((p) => p.field !== field && inputs[p.field].hasAttribute('aria-invalid')), false);
      reportChange();
    });
  }
  inputs.number.addEventListener('blur', formatNumber);
  // Enter submits nothing here: the framing page owns the Save button.
  document.getElementById('card')?.addEventListener('submit', (event) => event.preventDefault());
  post({ type: 'acct-hf:ready', height: Math.ceil(document.documentElement.getBoundingClientRect().height) });
}

const origin = parentOrigin();
if (origin && window.parent !== window) start(origin);
else console.error('hosted-fields: load this page in an iframe with ?origin=<the framing page’s origin>');
