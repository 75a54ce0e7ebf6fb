import * as stories from '../../stories/payment-methods.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
