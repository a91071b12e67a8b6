import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('payments', { database: true });
