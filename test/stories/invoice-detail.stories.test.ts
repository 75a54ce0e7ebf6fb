import * as stories from '../../stories/invoice-detail.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
