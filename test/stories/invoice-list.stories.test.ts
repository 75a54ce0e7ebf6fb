import * as stories from '../../stories/invoice-list.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
