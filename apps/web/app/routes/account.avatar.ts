// A resource route: the account page's picture upload (POST); GET goes to /account.
export { action, loader } from './account.avatar.server';
