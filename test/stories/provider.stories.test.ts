import * as stories from '../../stories/provider.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
