import * as stories from '../../stories/payment-method-form.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
