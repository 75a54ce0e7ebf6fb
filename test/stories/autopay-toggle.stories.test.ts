import * as stories from '../../stories/autopay-toggle.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
