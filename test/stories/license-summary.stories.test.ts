import * as stories from '../../stories/license-summary.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
