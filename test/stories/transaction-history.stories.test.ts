import * as stories from '../../stories/transaction-history.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
