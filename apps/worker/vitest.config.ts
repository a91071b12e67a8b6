import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('worker', { database: true });
