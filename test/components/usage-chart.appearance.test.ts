import * as usageChart from '../../stories/usage-chart.stories.js';
import { checkStoryAppearance, storyNames, type StoriesModule } from '../helpers/run-stories.js';

// Light and right-to-left (Arabic) run for every story in test/stories/usage-chart.stories.test.ts; this is the dark scheme.
describe('usage chart: every story in the dark scheme passes axe', () => {
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
  });
  for (const name of storyNames(usageChart as StoriesModule)) {
    it(name, async () => {
      await checkStoryAppearance(usageChart as StoriesModule, name, 'dark');
    });
  }
});
