/// <reference types="node" />
/**
 * One scenario suite, two implementations: every scenario of scenarios.ts runs on MemoryAccountApi
 * and on HttpAccountApi against the reference server, and the two transcripts (results and errors,
 * normalised as harness.ts says) must be equal, so the in-memory demo cannot drift from the
 * contract. Each call's own expectation is checked on both sides as well.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { differences, runScenario, type Step } from './harness.js';
import { memoryWorld } from './memory-world.js';
import { SCENARIOS } from './scenarios.js';
import { startServerWorld } from './server-world.js';
import type { World } from './world.js';

const describeOutcome = (step: Step | undefined) => (step ? JSON.stringify(step.outcome) : 'no such step');

describe('contract: MemoryAccountApi and the HTTP API give the same results and errors', () => {
  const memory = memoryWorld();
  let http: World;
  let compared = 0;

  before(async () => {
    http = await startServerWorld();
  });
  after(async () => {
    await http?.close();
    console.log(`# contract: ${SCENARIOS.length} scenarios, ${compared} calls compared`);
  });

  for (const scenario of SCENARIOS) {
    test(scenario.name, async () => {
      const fromMemory = await runScenario(memory, scenario);
      const fromHttp = await runScenario(http, scenario);
      for (let i = 0; i < Math.max(fromMemory.length, fromHttp.length); i++) {
        const [m, h] = [fromMemory[i], fromHttp[i]];
        assert.equal(m?.label, h?.label, `step ${i}: the scenario took another path (memory ${describeOutcome(m)}, http ${describeOutcome(h)})`);
        const diff = differences(m.outcome, h.outcome);
        assert.ok(diff.length === 0, `step ${i} "${m.label}": memory ≠ http\n  ${diff.join('\n  ')}`);
        compared++;
      }
      const unexpected = [...fromMemory.map((s) => ['memory', s] as const), ...fromHttp.map((s) => ['http', s] as const)].filter(([, s]) => s.unexpected);
      assert.deepEqual(unexpected.map(([world, s]) => `${world}: ${s.label}: ${s.unexpected}`), [], 'both sides agree, but not with the scenario');
    });
  }
});
