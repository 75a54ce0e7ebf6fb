import * as stories from '../../stories/credit-list.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
