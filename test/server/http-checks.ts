import assert from 'node:assert/strict';
import { Problem } from '../../src/api/schemas/index.js';

/** Asserts a problem+json response: the Problem schema, its status, and request_id equal to the Request-Id header. */
export async function expectProblemResponse(res: Response, where: string): Promise<Problem> {
  assert.match(res.headers.get('Content-Type') ?? '', /^application\/problem\+json/, `${where}: content type`);
  const text = await res.text();
  const parsed = Problem.safeParse(JSON.parse(text));
  assert.ok(parsed.success, `${where}: not a Problem: ${text}`);
  const problem = parsed.data;
  assert.equal(problem.status, res.status, `${where}: status in the body`);
  const requestId = res.headers.get('Request-Id');
  assert.ok(requestId, `${where}: Request-Id header`);
  assert.equal(problem.request_id, requestId, `${where}: request_id equals the Request-Id header`);
  return problem;
}

/** Issues a demo token through the running server. */
export async function demoToken(baseUrl: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${baseUrl}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { token: string }).token;
}
