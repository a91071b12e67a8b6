// A resource route: POST /signout (the header's button); GET answers 405.
export { action, loader } from './signout.server';
