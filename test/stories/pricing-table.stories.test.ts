import * as stories from '../../stories/pricing-table.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
