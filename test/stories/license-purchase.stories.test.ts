import * as stories from '../../stories/license-purchase.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
