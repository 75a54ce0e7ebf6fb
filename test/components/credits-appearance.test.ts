import * as creditList from '../../stories/credit-list.stories.js';
import { checkStoryAppearance, storyNames, type StoriesModule } from '../helpers/run-stories.js';

// Light and right-to-left run for every story in test/stories; this is the dark scheme.
describe('credit list: every story in the dark scheme passes axe', () => {
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
  });
  for (const name of storyNames(creditList as StoriesModule)) {
    it(name, async () => {
      await checkStoryAppearance(creditList as StoriesModule, name, 'dark');
    });
  }
});
