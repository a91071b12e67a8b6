import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('search', { database: true });
