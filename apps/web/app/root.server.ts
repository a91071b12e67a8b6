import { getPublicEnv } from './env.server';

export function loader() {
  return { ENV: getPublicEnv() };
}
