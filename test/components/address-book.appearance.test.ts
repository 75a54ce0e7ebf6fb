import * as book from '../../stories/address-book.stories.js';
import { checkStoryAppearance, storyNames, type StoriesModule } from '../helpers/run-stories.js';

// Light and right-to-left run for every story in test/stories; this is the dark scheme.
describe('address book: every story in the dark scheme passes axe', () => {
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
  });
  for (const name of storyNames(book as unknown as StoriesModule)) {
    it(name, async () => {
      await checkStoryAppearance(book as unknown as StoriesModule, name, 'dark');
    });
  }
});
