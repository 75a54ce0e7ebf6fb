import * as stories from '../../stories/pay-invoice.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
