import * as purchase from '../../stories/license-purchase.stories.js';
import * as summary from '../../stories/license-summary.stories.js';
import * as history from '../../stories/transaction-history.stories.js';
import { checkStoryAppearance, storyNames, type StoriesModule } from '../helpers/run-stories.js';

// Light and right-to-left run for every story in test/stories; this is the dark scheme.
describe('license summary, license purchase and transaction history: every story in the dark scheme passes axe', () => {
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
  });
  for (const [title, module] of [['summary', summary], ['purchase', purchase], ['history', history]] as Array<[string, StoriesModule]>) {
    for (const name of storyNames(module)) {
      it(`${title}: ${name}`, async () => {
        await checkStoryAppearance(module, name, 'dark');
      });
    }
  }
});
