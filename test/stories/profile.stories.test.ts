import * as stories from '../../stories/profile.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
