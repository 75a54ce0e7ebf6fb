/// <reference types="node" />
/**
 * Checks a real response against `openapi.json` (Ajv, JSON Schema 2020-12): the operation exists,
 * the status is documented for it, the documented headers are there, the content type is one the
 * document lists and the body validates against its schema.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, any>;
export const doc = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as Json;
const COMPONENTS_ID = 'https://account-elements.test/openapi.json';

// ajv-formats is CommonJS: its default export arrives wrapped under tsx.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;
// `type: ["boolean", "string"]` (a plan's feature values) is plain JSON Schema; Ajv's strict mode wants it allowed.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
// zod's int bounds become `format: int64` in the document (see server/openapi.ts).
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
// The components under one id, so `#/components/...` refs inside them resolve as they do in the document.
ajv.addKeyword('components');
ajv.addSchema({ $id: COMPONENTS_ID, components: { schemas: doc.components.schemas } });

/** Follows a local `#/components/...` reference in the document. */
export function resolveRef(node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  return resolveRef(node.$ref.slice(2).split('/').reduce((at: Json, key: string) => at[key], doc));
}

/** Rewrites the document's local refs so they point into the registered components. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? COMPONENTS_ID + value : rebase(value)]),
  );
}

const templates = Object.keys(doc.paths as Json).map((path) => ({
  path,
  pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The documented path template of a concrete path under `/api` (`/invoices/in_1` → `/invoices/{id}`). */
export function documentedPath(path: string): string | undefined {
  return templates.find(({ pattern }) => pattern.test(path))?.path;
}

export interface ObservedResponse {
  method: string;
  /** The documented template, or a concrete path under `/api`. */
  path: string;
  status: number;
  headers: Headers | Record<string, string>;
  /** The body as text (empty for none); undefined when it was not captured (a binary document). */
  body: string | undefined;
}

const validators = new Map<string, ValidateFunction>();

/** Every way the response differs from the document; empty when it conforms. */
export function conformanceErrors(response: ObservedResponse): string[] {
  const header = (name: string) => (response.headers instanceof Headers ? response.headers.get(name) : response.headers[name.toLowerCase()]) ?? undefined;
  const template = doc.paths[response.path] ? response.path : documentedPath(response.path);
  const where = `${response.method} ${template ?? response.path} ${response.status}`;
  const operation = template ? doc.paths[template][response.method.toLowerCase()] : undefined;
  if (!operation) return [`${where}: no such operation in the document`];
  const raw = operation.responses[String(response.status)];
  if (!raw) return [`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
  const documented = resolveRef(raw);
  const errors: string[] = [];
  for (const name of Object.keys(documented.headers ?? {})) {
    // Request-Id is on every response; Retry-After and Idempotent-Replayed only when they apply.
    if (name === 'Request-Id' && !header(name)) errors.push(`${where}: no ${name} header`);
  }
  if (header('Idempotent-Replayed') !== undefined && !documented.headers?.['Idempotent-Replayed']) errors.push(`${where}: Idempotent-Replayed is not documented here`);
  if (header('Retry-After') !== undefined && !documented.headers?.['Retry-After']) errors.push(`${where}: Retry-After is not documented here`);
  if (!documented.content) {
    if (response.body) errors.push(`${where}: no body documented, but one was sent`);
    return errors;
  }
  const contentType = (header('Content-Type') ?? '').split(';')[0].trim();
  const media = documented.content[contentType];
  if (!media) return [...errors, `${where}: content type ${contentType || '(none)'} is not documented (${Object.keys(documented.content).join(', ')})`];
  if (response.body === undefined || !/json$/.test(contentType)) return errors;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return [...errors, `${where}: the body is not JSON`];
  }
  const key = `${response.method} ${template} ${response.status} ${contentType}`;
  let validate = validators.get(key);
  if (!validate) validators.set(key, (validate = ajv.compile(rebase(media.schema) as object)));
  if (!validate(body)) errors.push(`${where}: ${ajv.errorsText(validate.errors)}\n${response.body.slice(0, 500)}`);
  return errors;
}
