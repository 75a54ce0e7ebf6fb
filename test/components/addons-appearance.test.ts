import * as addonList from '../../stories/addon-list.stories.js';
import { checkStoryAppearance, storyNames, type StoriesModule } from '../helpers/run-stories.js';

// Light and right-to-left run for every story in test/stories; this is the dark scheme.
describe('add-on list: every story in the dark scheme passes axe', () => {
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
  });
  for (const name of storyNames(addonList as StoriesModule)) {
    it(name, async () => {
      await checkStoryAppearance(addonList as StoriesModule, name, 'dark');
    });
  }
});
