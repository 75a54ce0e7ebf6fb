import * as stories from '../../stories/addon-list.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
