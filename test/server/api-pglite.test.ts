import { apiSuite } from './api-suite.js';

apiSuite('PGlite (in memory)', async () => ({}));
