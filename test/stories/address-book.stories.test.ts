import * as stories from '../../stories/address-book.stories.js';
import { runStories } from '../helpers/run-stories.js';

runStories(stories);
