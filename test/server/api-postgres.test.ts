import { apiSuite } from './api-suite.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

let cluster: PostgresCluster | undefined;
apiSuite(
  'a throwaway PostgreSQL cluster',
  async () => {
    cluster = await startPostgresCluster();
    return { databaseUrl: cluster.url };
  },
  async () => cluster?.stop(),
);
