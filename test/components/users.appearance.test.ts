import * as users from '../../stories/users.stories.js';
import { checkStoryAppearance, storyNames, type StoriesModule } from '../helpers/run-stories.js';

// Light and right-to-left run for every story in test/stories; this is the dark scheme.
describe('users: every story in the dark scheme passes axe', () => {
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
  });
  for (const name of storyNames(users as unknown as StoriesModule)) {
    it(name, async () => {
      await checkStoryAppearance(users as unknown as StoriesModule, name, 'dark');
    });
  }
});
