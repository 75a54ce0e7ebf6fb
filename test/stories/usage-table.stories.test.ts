import * as stories from '../../stories/usage-table.stories.js';
import { runStories, type StoriesModule } from '../helpers/run-stories.js';

// The stories' args are typed (sort, page size required); the runner takes any story module.
runStories(stories as unknown as StoriesModule);
