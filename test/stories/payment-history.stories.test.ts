import * as stories from '../../stories/payment-history.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
