import * as stories from '../../stories/users.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
