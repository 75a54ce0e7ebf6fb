/**
 * `account-elements/api/memory.js`: an AccountApi in memory with deterministic demo accounts, for
 * stories, tests, documentation and offline demos. Kept out of the main entry because the
 * fixtures are data a production page never needs.
 */
export { MemoryAccountApi, type MemoryAccountApiOptions, type MemoryOperation } from './memory-api.js';
export {
  createFixture,
  toSummary,
  FIXTURE_NAMES,
  ROLE_CAPABILITIES,
  type AccountFixture,
  type FixtureName,
} from './fixtures/generate.js';
