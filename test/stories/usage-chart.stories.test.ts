import * as stories from '../../stories/usage-chart.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
