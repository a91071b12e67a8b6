import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('db', { database: true });
