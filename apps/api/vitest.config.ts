import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('api', { database: true });
