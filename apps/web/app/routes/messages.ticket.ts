// A resource route: the page's script asks here for a single-use realtime ticket (POST only).
export { action, loader } from './messages.ticket.server';
