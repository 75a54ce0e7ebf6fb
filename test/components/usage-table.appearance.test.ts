import * as usageTable from '../../stories/usage-table.stories.js';
import { checkStoryAppearance, storyNames, type StoriesModule } from '../helpers/run-stories.js';

// Light and right-to-left run for every story in test/stories; this is the dark scheme.
describe('usage table: every story in the dark scheme passes axe', () => {
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
  });
  for (const name of storyNames(usageTable as unknown as StoriesModule)) {
    it(name, async () => {
      await checkStoryAppearance(usageTable as unknown as StoriesModule, name, 'dark');
    });
  }
});
