import * as stories from '../../stories/portal.stories.js';
import { runStories, type StoriesModule } from '../helpers/run-stories.js';

runStories(stories as unknown as StoriesModule);
