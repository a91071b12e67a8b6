import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('emails', { database: true });
