import * as stories from '../../stories/account-summary.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
